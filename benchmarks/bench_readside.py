"""`site build` and `changes` over 100,000 records vs over the committed records, side by side (issue 12, item 8.4;
goal <= 10 s each at 100k on one core), with each command's peak memory.

The 100k set is the committed records repeated as later runs of the same tasks (new run ids, record ids and
timestamps): the history a tracker accumulates. Each command runs in a fresh process pinned to one core. Usage:

    python benchmarks/bench_readside.py [--records 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from convtrack import store  # noqa: E402

PROBE = """
import resource, sys, time
sys.argv = ["convtrack", *sys.argv[1:]]
from convtrack import cli
start = time.perf_counter()
code = cli.main(sys.argv[1:])
seconds = time.perf_counter() - start
print(f"RESULT {code} {seconds:.2f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.2f}", file=sys.stderr)
"""


def synthesize(target: Path, n: int) -> int:
    base = store.load(ROOT / "reports", warn=lambda _: None)
    written, copy = 0, 0
    while written < n:
        for rec in base:
            if written >= n:
                break
            run_id = f"{rec['run_id']}-h{copy:03}"
            out = dict(rec, run_id=run_id, record_id=store.record_id(run_id, rec["cell"], rec["case"], rec["opset"],
                                                                      rec["mode"]))
            path = store.run_file(target, rec["converter"], rec["cell"], run_id)
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a") as fh:
                fh.write(json.dumps(out, sort_keys=True) + "\n")
            written += 1
        copy += 1
    return written


def measure(reports: Path, site_out: Path, *command: str) -> tuple[float, float]:
    cmd = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    cmd += [sys.executable, "-c", PROBE, "--reports", str(reports), "--matrix-dir", str(ROOT / "matrix"),
            "--suites", str(ROOT / "suites"), *command]
    proc = subprocess.run(cmd, env=dict(os.environ, PYTHONPATH=str(ROOT / "src")), capture_output=True, text=True)
    line = next((ln for ln in proc.stderr.splitlines() if ln.startswith("RESULT")), None)
    if line is None:
        sys.exit(f"{' '.join(command)} failed:\n{proc.stderr[-2000:]}")
    _, _code, seconds, gib = line.split()
    return float(seconds), float(gib)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--records", type=int, default=100_000)
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="convtrack-bench-read-") as tmp:
        big = Path(tmp) / "reports"
        n = synthesize(big, args.records)
        committed = len(store.load(ROOT / "reports", warn=lambda _: None))
        print(f"{'command':<12} {'records':>8} {'seconds':>8} {'peak GiB':>9}")
        for name, command in (("site build", ("site", "build", "--offline", "--out", str(Path(tmp) / "site"))),
                              ("changes", ("changes", "--json"))):
            for label, reports, count in (("committed", ROOT / "reports", committed), ("synthetic", big, n)):
                seconds, gib = measure(reports, Path(tmp) / "site", *command)
                print(f"{name:<12} {count:>8} {seconds:>8.1f} {gib:>9.2f}   ({label})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
