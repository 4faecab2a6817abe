"""Warm-cache cell creation: uv vs `python -m venv` + pip for the same pins, side by side (issue 12, item 8.1;
goal: uv at least 10x faster).

uv: `uv venv` + `uv pip install` from its warm cache (hardlinks), as a cell's nox session does. pip: `python -m
venv` + `pip install` of the same pins from a local wheelhouse filled once beforehand with `pip download` (the index
here sends no caching headers, so pip's HTTP cache cannot be warmed: a wheelhouse with `--no-index` is the fastest
pip gets, a lower bound for it). `--pip-from-index` makes pip download from the index on every run instead. The two
run in turn (uv, pip, uv, pip ...), each environment deleted after its run; wall and CPU (user + sys of the
children) per run and the ratio of the medians are printed. Usage:

    python benchmarks/bench_env.py [--pairs 1] [--pins torch==2.15.0 onnxruntime==1.20.1 ...] [--pip-from-index]

The default pins are the quick preset's torch cell (torch 2.15.0 is a ~3 GB CUDA closure: the wheelhouse takes
~3 GB and each pip environment ~6 GB of disk while it exists).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PINS = ["torch==2.15.0", "onnxruntime==1.20.1", "onnx==1.17.0", "numpy==1.26.4", "onnxscript==0.7.2"]


def timed(commands: list[list[str]]) -> tuple[float, float]:
    """Wall and CPU seconds (user + sys of the children) of commands run one after the other."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    for cmd in commands:
        proc = subprocess.run(cmd, capture_output=True, text=True)
        if proc.returncode != 0:
            sys.exit(f"{' '.join(cmd[:4])} ... failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.perf_counter() - start, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pairs", type=int, default=1)
    p.add_argument("--pins", nargs="+", default=PINS)
    p.add_argument("--pip-from-index", action="store_true", help="pip downloads from the index on every run")
    p.add_argument("--python", default=sys.executable, help="the interpreter both environments are made from")
    args = p.parse_args()
    version = subprocess.run([args.python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory(prefix="convtrack-bench-env-") as name:
        tmp = Path(name)
        wheels = tmp / "wheels"
        uv_env, pip_env = tmp / "uv", tmp / "pip"
        uv = [["uv", "venv", "-q", "-p", args.python, str(uv_env)],
              ["uv", "pip", "install", "-q", "--python", str(uv_env / "bin" / "python"), *args.pins]]
        source = [] if args.pip_from_index else ["--no-index", "--find-links", str(wheels)]
        pip = [[args.python, "-m", "venv", str(pip_env)],
               [str(pip_env / "bin" / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                *source, *args.pins]]
        print(f"warming: uv's cache and pip's wheelhouse for {' '.join(args.pins)} (python {version}) ...",
              flush=True)
        timed(uv)
        shutil.rmtree(uv_env)
        if not args.pip_from_index:
            timed([[args.python, "-m", "pip", "download", "-q", "--disable-pip-version-check", "-d", str(wheels),
                    *args.pins]])
        runs: dict[str, list[tuple[float, float]]] = {"uv": [], "pip": []}
        for _ in range(args.pairs):
            for label, commands, env in (("uv", uv, uv_env), ("pip", pip, pip_env)):
                wall, cpu = timed(commands)
                shutil.rmtree(env)
                runs[label].append((wall, cpu))
                print(f"{label:<4} {wall:7.1f} s wall {cpu:7.1f} s CPU", flush=True)
    for k, what in ((0, "wall"), (1, "CPU")):
        ratio = statistics.median(r[k] for r in runs["pip"]) / statistics.median(r[k] for r in runs["uv"])
        print(f"pip / uv ({what}, medians): {ratio:.1f}x   (goal >= 10x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
