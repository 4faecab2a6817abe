"""Why one supervised worker per cell: persistent worker vs a fresh process per task, side by side.

Runs the same tiny tasks in a real torch cell (the test cell, built by the tests or by this script) both
ways in one run and prints seconds and the ratio. Usage:

    python benchmarks/bench_worker.py [--tasks 12] [--python .convtrack/test-cell/bin/python]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from convtrack import suite  # noqa: E402
from convtrack.cell.runner import Worker  # noqa: E402

CASE = '''CASE = {"converter": "torch.onnx"}
def build():
    import torch
    from convtrack.suite import seeded
    return torch.nn.Sequential(torch.nn.Linear(8, 16), torch.nn.ReLU(), torch.nn.Linear(16, 4)).eval(), seeded((2, 8))
'''


def timed_tasks(python: str, case: suite.Case, tasks: int, fresh: bool) -> float:
    os.environ["PYTHONPATH"] = str(ROOT / "src")
    sys.executable = python  # Worker starts `sys.executable -m convtrack.cell.worker`
    with tempfile.TemporaryFile("w+") as log:
        start = time.perf_counter()
        worker = Worker("torch.onnx", log, 8 * 2**30)
        for i in range(tasks):
            if fresh and i:
                worker.close()
                worker = Worker("torch.onnx", log, 8 * 2**30)
            result = worker.submit({"case": case.to_dict(), "opset": 17, "mode": "legacy"}, 300)
            assert result["outcome"] == "pass", result
        worker.close()
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=12)
    parser.add_argument("--python", default=None, help="a torch cell's python (default: build the test cell)")
    args = parser.parse_args()
    python = args.python
    if python is None:
        from conftest import _build_cell

        python = str(_build_cell())
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "models" / "mlp.py"
        path.parent.mkdir()
        path.write_text(CASE)
        case = suite.discover(Path(tmp))[0]
        persistent = timed_tasks(python, case, args.tasks, fresh=False)
        fresh = timed_tasks(python, case, args.tasks, fresh=True)
    print(f"{args.tasks} tasks (legacy export + ORT + compare of a 3-layer MLP)")
    print(f"  persistent worker      {persistent:7.2f} s  ({persistent / args.tasks:.3f} s/task)")
    print(f"  fresh process per task {fresh:7.2f} s  ({fresh / args.tasks:.3f} s/task)")
    print(f"  ratio fresh/persistent {fresh / persistent:7.1f}x")


if __name__ == "__main__":
    main()
