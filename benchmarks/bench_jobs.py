"""`convtrack run -j 2` vs `-j 1` over the same two cells, side by side in one run (issue 12, item 6).

Builds a scratch project: two cells (torch 2.15.0 with onnxruntime 1.20.1 and 1.23.2, both in the warm uv cache),
--cases small torch cases, opset 18, both exporter modes. A first run builds the two environments (one case), so
neither timed run pays for them; then the same tasks run with -j 1 and with -j 2 (fresh reports each) and both wall
times, their ratio and the load average around them are printed. On a machine other jobs keep busy the ratio says
little: check the load. Usage:

    python benchmarks/bench_jobs.py [--cases 6] [--keep DIR]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import convtrack_command, project_flags, tiny_matrix, tiny_project  # noqa: E402

MATRIX = tiny_matrix(onnxruntime=["1.20.1", "1.23.2"], modes=["legacy", "dynamo"], presets={"bench": ["2.15.0"]})
CASE = '''CASE = {{"converter": "torch.onnx"}}
def build():
    import torch
    from convtrack.suite import seeded
    net = torch.nn.Sequential(torch.nn.Conv2d(3, {n}, 3), torch.nn.ReLU(), torch.nn.Flatten(), torch.nn.LazyLinear(8))
    x = seeded((2, 3, 16, 16))
    net(x)
    return net.eval(), x
'''


def run(root: Path, reports: str, *extra: str) -> float:
    cmd = convtrack_command(project_flags(root, reports), "run", "--preset", "bench", "--no-site", *extra)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=dict(os.environ, PYTHONPATH=str(ROOT / "src")), cwd=root, capture_output=True,
                          text=True)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"convtrack run failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return seconds


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cases", type=int, default=6)
    p.add_argument("--keep", type=Path, help="build the project here and keep it (default: a temporary folder)")
    args = p.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="convtrack-bench-jobs-"))
    tiny_project(root, {f"models/m{i:02}.py": CASE.format(n=4 + i) for i in range(args.cases)}, MATRIX)
    try:
        run(root, "warmup", "-j", "2", "--select", "m00")
        load = os.getloadavg()[0]
        one = run(root, "reports-j1", "-j", "1")
        two = run(root, "reports-j2", "-j", "2")
        load_after = os.getloadavg()[0]
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print(f"cells: 2, tasks: {2 * 2 * args.cases} ({args.cases} cases x 2 modes per cell), {os.cpu_count()} cores, "
          f"1-min load {load:.1f} before, {load_after:.1f} after")
    print(f"-j 1:             {one:7.1f} s")
    print(f"-j 2:             {two:7.1f} s")
    print(f"ratio -j 2/-j 1:  {two / one:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
