"""A no-change re-run vs its cold run, side by side in one run (issue 12, goal: re-run <= 2 % of the cold run).

Builds a scratch project (one matrix, --cases tiny torch cases, one opset, legacy mode) with one cell per
--torch release (default: three releases), runs `convtrack run` cold (fresh work folder, reports and site: nox + uv
build each cell from the uv cache, every task executes, the site is built), then the same command again (every task
already recorded for an untouched environment: no nox, no uv, no runner, no site build), and prints both wall and
CPU times (user + sys of the command and its children) and their ratios. Usage:

    python benchmarks/bench_rerun.py [--torch 2.9.1 2.14.1 2.15.0] [--cases 10] [--keep DIR]

A release missing from the uv cache downloads ~3 GB on first use.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import convtrack_command, project_flags, tiny_matrix, tiny_project  # noqa: E402

CASE = '''CASE = {{"converter": "torch.onnx"}}
def build():
    import torch
    from convtrack.suite import seeded
    return torch.nn.Sequential(torch.nn.Linear({n}, 8), torch.nn.ReLU()).eval(), seeded((2, {n}))
'''


def run(root: Path) -> tuple[float, float, str]:
    cmd = convtrack_command(project_flags(root), "run", "--preset", "bench", "--site-out", str(root / "site"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=dict(os.environ, PYTHONPATH=str(ROOT / "src")), cwd=root, capture_output=True,
                          text=True)
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"convtrack run failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return seconds, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, proc.stderr


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--torch", nargs="+", default=["2.9.1", "2.14.1", "2.15.0"], help="torch releases, one cell each")
    p.add_argument("--cases", type=int, default=10)
    p.add_argument("--keep", type=Path, help="build the project here and keep it (default: a temporary folder)")
    args = p.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="convtrack-bench-rerun-"))
    tiny_project(root, {f"models/m{i:02}.py": CASE.format(n=4 + i) for i in range(args.cases)},
                 tiny_matrix(torch=args.torch, presets={"bench": args.torch}))
    try:
        cold, cold_cpu, _ = run(root)
        warm, warm_cpu, log = run(root)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    skipped = next((ln for ln in log.splitlines() if ln[:1].isdigit() and "tasks skipped" in ln), "none skipped")
    tasks = len(args.torch) * args.cases
    print(f"cells: {len(args.torch)} (torch {', '.join(args.torch)}), tasks: {tasks}")
    print(f"cold run:           {cold:7.2f} s wall {cold_cpu:7.2f} s CPU")
    print(f"no-change re-run:   {warm:7.2f} s wall {warm_cpu:7.2f} s CPU   ({skipped.split(':')[0]})")
    print(f"ratio re-run/cold:  {warm / cold:7.3f} wall   {warm_cpu / cold_cpu:7.3f} CPU   (goal <= 0.02)")
    print("re-run's own lines:\n  " + "\n  ".join(log.strip().splitlines()[-8:]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
