"""`site build` and `changes` over 100,000 records vs over the committed records, side by side (issue 12, item 8.4;
goal <= 10 s each at 100k on one core), with each command's peak memory.

The 100k set is the committed records repeated as later runs of the same tasks (new run ids, record ids and
timestamps): the history a tracker accumulates. Each command runs in a fresh process pinned to one core; "cold"
runs without the records index cache (reports/.cache, as after a clone), "warm" with the cache the cold run left.
CPU is user + sys of the command's process: on a shared machine wall time also counts other people's work. Usage:

    python benchmarks/bench_readside.py [--records 100000] [--keep DIR] [--baseline-src OTHER/src]

--baseline-src also runs each command with another checkout's code (e.g. before this change), in the same run.

--keep leaves the synthetic records in DIR/reports and the site built from them in DIR/site (for bench_pageload.py).
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
start = time.perf_counter()
from convtrack import cli
code = cli.main(sys.argv[1:])
seconds = time.perf_counter() - start
use = resource.getrusage(resource.RUSAGE_SELF)
# VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent, VmHWM belongs to this program's memory
hwm = next(int(ln.split()[1]) for ln in open("/proc/self/status") if ln.startswith("VmHWM:"))
print(f"RESULT {code} {seconds:.2f} {use.ru_utime + use.ru_stime:.2f} {hwm / 2**20:.2f}", file=sys.stderr)
"""


def synthesize(target: Path, n: int, shape: str = "history") -> int:
    """n records made from the committed ones: "history" repeats them as later runs of the same tasks; "wide" puts
    each copy on cells of its own (onnxruntime 1.20.1.post1, .post2, ...), so every record is a task's newest: the
    most a site can show for n records."""
    base = store.load(ROOT / "reports", warn=lambda _: None)
    written, copy = 0, 0
    while written < n:
        for rec in base:
            if written >= n:
                break
            out = dict(rec, outcome=str(rec["outcome"]))
            if shape == "wide" and copy:
                ort = str(rec["axes"].get("onnxruntime", ""))
                new = f"{ort}.post{copy}"
                out["cell"] = rec["cell"].replace(f"ort{ort}", f"ort{new}")
                out["axes"] = {**rec["axes"], "onnxruntime": new}
                out["versions"] = {**rec["versions"], "onnxruntime": new}
            run_id = f"{rec['run_id']}-h{copy:03}"
            out.update(run_id=run_id, record_id=store.record_id(run_id, out["cell"], rec["case"], rec["opset"],
                                                                 rec["mode"]))
            path = store.run_file(target, rec["converter"], out["cell"], run_id)
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "a") as fh:
                fh.write(json.dumps(out, sort_keys=True) + "\n")
            written += 1
        copy += 1
    return written


def measure(reports: Path, *command: str, cold: bool = False, src: Path = ROOT / "src") -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak GiB of one convtrack command in a fresh process."""
    if cold:
        shutil.rmtree(reports / ".cache", ignore_errors=True)
    cmd = ["taskset", "-c", "0"] if shutil.which("taskset") else []
    cmd += [sys.executable, "-c", PROBE, "--reports", str(reports), "--matrix-dir", str(ROOT / "matrix"),
            "--suites", str(ROOT / "suites"), *command]
    proc = subprocess.run(cmd, env=dict(os.environ, PYTHONPATH=str(src)), capture_output=True, text=True)
    line = next((ln for ln in proc.stderr.splitlines() if ln.startswith("RESULT")), None)
    if line is None:
        sys.exit(f"{' '.join(command)} failed:\n{proc.stderr[-2000:]}")
    _, _code, seconds, cpu, gib = line.split()
    return float(seconds), float(cpu), float(gib)


def _count(reports: Path) -> int:
    """Records (non-empty lines), counted without loading them: this process's memory is its children's floor."""
    return sum(1 for path in store.iter_files(reports) for line in open(path, "rb") if line.strip())


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--records", type=int, default=100_000)
    p.add_argument("--keep", type=Path, help="keep the synthetic records and their site here")
    p.add_argument("--baseline-src", type=Path, help="a src/ folder of other convtrack code to measure too")
    args = p.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="convtrack-bench-read-"))
    work = args.keep or tmp
    try:
        big = work / "reports"
        n = synthesize(big, args.records) if not (big / "records").exists() else _count(big)
        committed = _count(ROOT / "reports")
        # the committed folder keeps its own cache: measure it cold, then warm, without leaving a new one behind
        had_cache = (ROOT / "reports" / ".cache").exists()
        print(f"{'command':<12} {'records':>8} {'cache':>5} {'wall s':>7} {'CPU s':>6} {'peak GiB':>9}")
        for name, command in (("site build", ("site", "build", "--offline", "--out", str(work / "site"))),
                              ("changes", ("changes", "--json"))):
            for label, reports, count in (("committed", ROOT / "reports", committed), ("synthetic", big, n)):
                runs = [("cold", ROOT / "src"), ("warm", ROOT / "src")]
                runs += [("base", args.baseline_src)] if args.baseline_src else []
                for state, src in runs:
                    wall, cpu, gib = measure(reports, *command, cold=state == "cold", src=src)
                    print(f"{name:<12} {count:>8} {state:>5} {wall:>7.1f} {cpu:>6.1f} {gib:>9.2f}   ({label})",
                          flush=True)
        if not had_cache:
            shutil.rmtree(ROOT / "reports" / ".cache", ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
