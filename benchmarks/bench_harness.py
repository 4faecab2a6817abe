"""Harness overhead: the convtrack runner vs a bare script doing the same convert + run, side by side (issue 12,
item 8.2; goal: the runner costs at most 15 % more).

Both run the same 10 torch cases x opsets 17, 18 x legacy, dynamo (40 tasks) in the same cell python, in turn
(runner, bare, runner, bare ...). The bare script is what a user would write: build the case's model, run it in
torch, export it, run it in onnxruntime on every seeded input and compare with numpy; no worker process, no
checker, no calibration, no records. Wall and CPU (user + sys of the child) are printed per run, with the ratio of
the medians. Usage:

    python benchmarks/bench_harness.py [--python .convtrack/test-cell/bin/python] [--pairs 2]

The default python is the test cell (torch 2.15.0, onnxruntime 1.20.1, onnx 1.17.0: `python -m pytest
tests/test_runner.py` builds it).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from convtrack import matrix, plan, suite  # noqa: E402

CASES = ["issues/pytorch_100429", "issues/pytorch_118733", "issues/pytorch_131272", "issues/pytorch_85316",
         "issues/pytorch_61034", "issues/pytorch_27212", "models/lstm", "models/gru_classifier",
         "models/seq_conv1d_speech", "models/seq_lstm_bidirectional_states"]
OPSETS, MODES = (17, 18), ("legacy", "dynamo")
CELL = "torch2.15.0-ort1.20.1-onnx1.17.0"

BARE = r'''
import importlib.util, json, sys, tempfile, warnings
import numpy as np, onnxruntime as ort, torch
torch.set_num_threads(1)
warnings.simplefilter("ignore")
cases, opsets, modes = json.loads(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3])
passed = failed = 0
with tempfile.TemporaryDirectory() as tmp:
    for path in cases:
        spec = importlib.util.spec_from_file_location("case", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        model, inputs = module.build()
        feeds = inputs if isinstance(inputs, list) else [inputs]
        with torch.no_grad():
            expected = [model(*[torch.from_numpy(a) for a in f]) for f in feeds]
        for opset in opsets:
            for mode in modes:
                out = f"{tmp}/m.onnx"
                try:
                    args = tuple(torch.from_numpy(a) for a in feeds[0])
                    if mode == "dynamo":
                        torch.onnx.export(model, args, dynamo=True, opset_version=opset, external_data=False).save(out)
                    else:
                        torch.onnx.export(model, args, out, dynamo=False, opset_version=opset)
                    sess = ort.InferenceSession(out, providers=["CPUExecutionProvider"])
                    ok = True
                    for f, e in zip(feeds, expected):
                        got = sess.run(None, {i.name: a for i, a in zip(sess.get_inputs(), f)})
                        want = [t.numpy() for t in (e if isinstance(e, (tuple, list)) else [e])]
                        ok = ok and all(np.allclose(g, w, rtol=1e-3, atol=1e-5) for g, w in zip(got, want))
                    passed, failed = passed + ok, failed + (not ok)
                except Exception:
                    failed += 1
print(json.dumps({"pass": passed, "fail": failed}))
'''


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Wall seconds, CPU seconds (user + sys of the child and its children) and stdout of one command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"{cmd[:3]} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.stdout


def runner_plan(tmp: Path) -> Path:
    cell = next(c for m in matrix.load_dir(ROOT / "matrix") for c in matrix.expand(m) if c.id == CELL)
    cell = dataclasses.replace(cell, na=None, tasks=[matrix.Task(o, m) for o in OPSETS for m in MODES])
    cases = {c.id: c for c in suite.discover(ROOT / "suites", "torch.onnx")}
    return plan.write(plan.make(cell, [cases[c] for c in CASES], "bench-harness"), tmp / "plan.json")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--python", type=Path, default=ROOT / ".convtrack" / "test-cell" / "bin" / "python")
    p.add_argument("--pairs", type=int, default=2)
    args = p.parse_args()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    results: dict[str, list[tuple[float, float]]] = {"runner": [], "bare": []}
    with tempfile.TemporaryDirectory(prefix="convtrack-bench-harness-") as name:
        tmp = Path(name)
        plan_path = runner_plan(tmp)
        paths = json.dumps([str(ROOT / "suites" / f"{c}.py") for c in CASES])
        for i in range(args.pairs):
            out = tmp / f"records-{i}.jsonl"
            wall, cpu, _ = timed([str(args.python), "-m", "convtrack.cell.runner", "--plan", str(plan_path),
                                  "--out", str(out), "--log", str(tmp / "runner.log")], env)
            outcomes = [json.loads(line)["outcome"] for line in out.read_text().splitlines()]
            results["runner"].append((wall, cpu))
            print(f"runner  {wall:6.1f} s wall {cpu:6.1f} s CPU   {len(outcomes)} tasks, "
                  f"{outcomes.count('pass')} pass", flush=True)
            wall, cpu, stdout = timed([str(args.python), "-c", BARE, paths, json.dumps(OPSETS), json.dumps(MODES)], env)
            results["bare"].append((wall, cpu))
            counts = json.loads(stdout.strip().splitlines()[-1])  # the exporter prints progress lines before it
            print(f"bare    {wall:6.1f} s wall {cpu:6.1f} s CPU   {sum(counts.values())} tasks, {counts['pass']} pass",
                  flush=True)
    for k, label in ((0, "wall"), (1, "CPU")):
        r = statistics.median(x[k] for x in results["runner"]) / statistics.median(x[k] for x in results["bare"])
        print(f"runner / bare ({label}, medians): {r:.3f}   (goal <= 1.15)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
