"""Why convtrack has its own synthetic-graph generator: it against NNSmith, side by side, per generated model.

The suite needs (seed, size) -> graph on the host (listing, hashing and op coverage without torch) and again
inside every cell. This times `convtrack.synthetic_graph.generate` for the seeds and sizes of the suite file, and
`nnsmith.model_gen` (model.type=torch) for the same seeds at the same sizes, in one run, and prints the ratio.
NNSmith needs an environment of its own (torch + nnsmith; uv caches both):

    uv venv -p 3.11 /tmp/nns && uv pip install --python /tmp/nns/bin/python torch==2.15.0 numpy==1.26.4 nnsmith
    python benchmarks/bench_synthetic.py --nnsmith-python /tmp/nns/bin/python [--models 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from convtrack import synthetic, synthetic_graph  # noqa: E402


def ours(plan: list[tuple[int, int]], repeat: int) -> float:
    start = time.perf_counter()
    for _ in range(repeat):
        for seed, size in plan:
            synthetic_graph.generate(seed, size)
    return (time.perf_counter() - start) / (repeat * len(plan))


def nnsmith(python: str, plan: list[tuple[int, int]]) -> float:
    tool = str(Path(python).with_name("nnsmith.model_gen"))
    start = time.perf_counter()
    for seed, size in plan:
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([tool, "model.type=torch", f"mgen.max_nodes={size}", f"mgen.seed={seed}",
                            "debug.viz=false", f"mgen.save={out}/model"], check=True, capture_output=True,
                           cwd=out)  # hydra writes its outputs/ folder into the working directory
    return (time.perf_counter() - start) / len(plan)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--nnsmith-python", required=True, help="python of an environment with torch and nnsmith")
    p.add_argument("--models", type=int, default=3, help="models per generator (default 3)")
    args = p.parse_args()
    plan = synthetic.plan_sizes(args.models, 5, 50)
    a = ours(plan, repeat=20)
    b = nnsmith(args.nnsmith_python, plan)
    print(f"models (seed, size): {plan}")
    print(f"convtrack.synthetic_graph.generate: {a * 1e3:9.2f} ms per graph (host side, no torch)")
    print(f"nnsmith.model_gen (torch):    {b * 1e3:9.2f} ms per model (process, torch import, op probing, z3)")
    print(f"ratio nnsmith / convtrack:    {b / a:9.0f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
