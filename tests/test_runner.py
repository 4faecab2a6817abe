"""The runner in a real torch cell: one crashing, hanging or memory-hungry case costs only itself."""

from __future__ import annotations

import dataclasses
import json
import subprocess
from pathlib import Path

import pytest

from conftest import write_case
from convtrack import matrix, plan, store, suite

pytestmark = pytest.mark.integration

OK = '''CASE = {"converter": "torch.onnx"}
def build():
    import torch
    from convtrack.suite import seeded
    return torch.nn.Linear(4, 3).eval(), seeded((2, 4))
'''
ABORT = '''CASE = {"converter": "torch.onnx"}
def build():
    import os
    os.abort()
'''
SEGV = '''CASE = {"converter": "torch.onnx"}
def build():
    import ctypes
    ctypes.string_at(0)
'''
HANG = '''CASE = {"converter": "torch.onnx", "timeout": 5}
def build():
    import time
    time.sleep(600)
'''
HOG = '''CASE = {"converter": "torch.onnx", "timeout": 120}
def build():
    import numpy as np
    hog = []
    while True:
        hog.append(np.ones(64 * 2**20 // 8))
'''
BAD_INPUTS = '''CASE = {"converter": "torch.onnx"}
def build():
    import torch
    return torch.nn.Linear(4, 3), []
'''


def run_plan(tmp_path: Path, cell_python: Path, env: dict[str, str], cases: dict[str, str],
             memory_gb: float = 12.0, meta: dict[str, dict] | None = None,
             tasks: tuple[matrix.Task, ...] = (matrix.Task(18, "legacy"),), release: str = "2.15.0") -> list[dict]:
    """Run the cases in a real cell; `meta` overrides CASE values after discovery (values discovery rejects, as
    a plan from an older host could still carry them)."""
    root = tmp_path / "suites"
    for rel, body in cases.items():
        write_case(root, rel, body)
    found = {c.id: c for c in suite.discover(root)}
    ordered = [found[rel[:-3]] for rel in cases]
    ordered = [dataclasses.replace(c, meta={**c.meta, **(meta or {}).get(c.id, {})}) for c in ordered]
    cell = matrix.Cell("torch.onnx", "torch", "3.11", {"torch": release}, {}, list(tasks))
    plan_path = plan.write(plan.make(cell, ordered, "test-run", case_timeout=60, memory_limit_gb=memory_gb),
                           tmp_path / "plan.json")
    out = tmp_path / "out.jsonl"
    subprocess.run([str(cell_python), "-m", "convtrack.cell.runner", "--plan", str(plan_path), "--out", str(out),
                    "--log", str(tmp_path / "log.txt")], env=env, check=True, timeout=600)
    return list(store.read_file(out))


def test_abort_segfault_and_hang_cost_only_their_case(tmp_path: Path, cell_python: Path,
                                                       cell_env: dict[str, str]) -> None:
    records = run_plan(tmp_path, cell_python, cell_env, {
        "models/a_ok.py": OK, "models/b_abort.py": ABORT, "models/c_ok.py": OK,
        "models/d_segv.py": SEGV, "models/e_hang.py": HANG, "models/f_ok.py": OK,
    })
    by_case = {r["case"]: r for r in records}
    assert len(records) == 6
    assert by_case["models/b_abort"]["outcome"] == "crash"
    assert "SIGABRT" in by_case["models/b_abort"]["error"]
    assert by_case["models/d_segv"]["outcome"] == "crash"
    assert "SIGSEGV" in by_case["models/d_segv"]["error"]
    assert by_case["models/e_hang"]["outcome"] == "timeout"
    for ok in ("models/a_ok", "models/c_ok", "models/f_ok"):
        assert by_case[ok]["outcome"] == "pass", by_case[ok]
        assert by_case[ok]["versions"]["torch"] == "2.15.0"
        assert by_case[ok]["model"]["ops"] == {"Gemm": 1}


def test_memory_blowup_is_a_crash_and_the_next_case_runs(tmp_path: Path, cell_python: Path,
                                                         cell_env: dict[str, str]) -> None:
    records = run_plan(tmp_path, cell_python, cell_env, {"models/a_hog.py": HOG, "models/b_ok.py": OK},
                       memory_gb=1.5)
    assert [r["outcome"] for r in records] == ["crash", "pass"]
    assert "memory limit exceeded" in records[0]["error"]


def test_case_with_too_few_seeds_is_a_build_error(tmp_path: Path, cell_python: Path,
                                                  cell_env: dict[str, str]) -> None:
    (rec,) = run_plan(tmp_path, cell_python, cell_env, {"models/few.py": BAD_INPUTS})
    assert rec["outcome"] == "build_error"
    assert "at least 3" in rec["error"]


def test_records_written_before_a_crash_survive(tmp_path: Path, cell_python: Path,
                                                cell_env: dict[str, str]) -> None:
    records = run_plan(tmp_path, cell_python, cell_env, {"models/a_ok.py": OK, "models/b_abort.py": ABORT})
    raw = (tmp_path / "out.jsonl").read_text().splitlines()
    assert [json.loads(line)["case"] for line in raw] == ["models/a_ok", "models/b_abort"]
    assert records[0]["outcome"] == "pass"


PID = '''CASE = {{"converter": "torch.onnx"}}
def build():
    import os
    import torch
    from convtrack.suite import seeded
    with open({path!r}, "a") as fh:
        fh.write(f"{{os.getpid()}}\\n")
    return torch.nn.Linear(4, 3).eval(), seeded((2, 4))
'''


def _pids(folder: Path, name: str) -> list[str]:
    return (folder / name).read_text().split()


def test_cases_share_a_worker_in_the_legacy_mode(tmp_path: Path, cell_python: Path,
                                                  cell_env: dict[str, str]) -> None:
    pids = tmp_path / "pids"
    pids.mkdir()
    cases = {f"models/{n}.py": PID.format(path=str(pids / n)) for n in ("a", "b")}
    records = run_plan(tmp_path, cell_python, cell_env, cases,
                       tasks=(matrix.Task(17, "legacy"), matrix.Task(18, "legacy")))
    assert [r["outcome"] for r in records] == ["pass"] * 4
    assert len(_pids(pids, "a")) == 1 and _pids(pids, "a") == _pids(pids, "b")


def test_a_task_in_an_isolated_mode_runs_alone_on_a_fresh_worker(tmp_path: Path, cell_python: Path,
                                                                 cell_env: dict[str, str]) -> None:
    """torch.onnx isolates "dynamo" before 2.5 (the plan says 2.4.1; the cell's torch is the test cell's): each
    dynamo task gets a worker of its own, and the next task another; from 2.5 the cases share one worker."""
    tasks = (matrix.Task(18, "legacy"), matrix.Task(17, "dynamo"), matrix.Task(18, "dynamo"))
    for release, workers in (("2.4.1", 6), ("2.5.1", 1)):
        pids = tmp_path / release
        pids.mkdir()
        cases = {f"models/{n}.py": PID.format(path=str(pids / n)) for n in ("a", "b")}
        records = run_plan(tmp_path / f"run{release}", cell_python, cell_env, cases, tasks=tasks, release=release)
        assert [(r["case"], r["mode"], r["outcome"]) for r in records] == [
            (f"models/{n}", m, "pass") for n in ("a", "b") for m in ("legacy", "dynamo", "dynamo")]
        built = _pids(pids, "a") + _pids(pids, "b")  # one build per worker that ran the case
        assert len(set(built)) == workers and len(built) == (6 if workers == 6 else 2), (release, built)

FLAKY = '''CASE = {{"converter": "torch.onnx"}}
def build():
    import os
    import torch
    from convtrack.suite import seeded
    with open({path!r}, "a") as fh:
        fh.write(f"{{os.getpid()}}\\n")
    if {once} and len(open({path!r}).read().split()) == 1:
        os.abort()  # in the first process only: a failure that its repeat does not reproduce
    if not {once}:
        os.abort()
    return torch.nn.Linear(4, 3).eval(), seeded((2, 4))
'''


def test_an_isolated_failure_is_repeated_on_a_fresh_worker_and_only_the_first_attempt_is_written(
        tmp_path: Path, cell_python: Path, cell_env: dict[str, str]) -> None:
    pids = tmp_path / "pids"
    pids.mkdir()
    cases = {"models/a_flaky.py": FLAKY.format(path=str(pids / "a"), once=True),
             "models/b_abort.py": FLAKY.format(path=str(pids / "b"), once=False),
             "models/c_ok.py": PID.format(path=str(pids / "c"))}
    records = run_plan(tmp_path, cell_python, cell_env, cases, tasks=(matrix.Task(18, "dynamo"),), release="2.4.1")
    assert [(r["case"], r["outcome"]) for r in records] == [
        ("models/a_flaky", "crash"), ("models/b_abort", "crash"), ("models/c_ok", "pass")]
    assert "repeat:pass" in records[0]["tags"] and "repeat:crash" in records[1]["tags"]
    assert not any(t.startswith("repeat:") for t in records[2]["tags"])
    assert [len(set(_pids(pids, n))) for n in "abc"] == [2, 2, 1]  # each attempt on a worker of its own


GC_STATE = '''CASE = {{"converter": "torch.onnx"}}
def build():
    import gc
    import torch
    from convtrack.suite import seeded
    with open({path!r}, "a") as fh:
        fh.write(f"{{gc.isenabled()}}\\n")
    return torch.nn.Linear(4, 3).eval(), seeded((2, 4))
'''


def test_an_isolated_task_runs_with_the_cyclic_collector_paused_a_shared_one_without(
        tmp_path: Path, cell_python: Path, cell_env: dict[str, str]) -> None:
    state = tmp_path / "gc"
    records = run_plan(tmp_path, cell_python, cell_env, {"models/a.py": GC_STATE.format(path=str(state))},
                       tasks=(matrix.Task(18, "legacy"), matrix.Task(18, "dynamo")), release="2.4.1")
    assert [(r["mode"], r["outcome"]) for r in records] == [("legacy", "pass"), ("dynamo", "pass")]
    assert state.read_text().split() == ["True", "False"]  # built once per worker: the legacy one, then its own


ZERO_WEIGHTS = '''CASE = {"converter": "torch.onnx"}
def build():
    import torch
    from convtrack.suite import seeded
    model = torch.nn.Linear(4, 3).eval()
    torch.nn.init.zeros_(model.weight)  # the output is the bias, whatever the input
    return model, seeded((2, 4))
'''


def test_a_pass_on_references_that_ignore_the_inputs_says_so(tmp_path: Path, cell_python: Path,
                                                             cell_env: dict[str, str]) -> None:
    records = run_plan(tmp_path, cell_python, cell_env, {"models/a_ok.py": OK, "models/b_zero.py": ZERO_WEIGHTS})
    assert [r["outcome"] for r in records] == ["pass", "pass"]
    assert "inputs_ignored" not in records[0]["metrics"]
    assert records[1]["metrics"]["inputs_ignored"] is True


CYCLIC = '''CASE = {"converter": "torch.onnx"}
def build():
    import torch
    from convtrack.suite import seeded
    model = torch.nn.Linear(4, 3).eval()
    model.owners = [model]  # a reference cycle, as real models have; the deep copy keeps it
    return model, seeded((2, 4))
'''
NO_TWIN_LEFT = '''
import gc
import sys
from pathlib import Path

import torch

from convtrack.cell.converters import get
from convtrack.cell.worker import Executor
from convtrack.suite import load_case

root = Path(sys.argv[1])
converter = get("torch.onnx")
converter.load()
gc.disable()  # only the worker's own collection may clear the twins
alive = []
convert = converter.convert


def watched(model, *args, **kwargs):
    alive.append([o for o in gc.get_objects() if isinstance(o, torch.nn.Module) and o is not model
                  and any(p.dtype == torch.float64 for p in o.parameters())])
    return convert(model, *args, **kwargs)


converter.convert = watched
executor = Executor(converter)
case = load_case(root / "models" / "cyclic.py", root)
results = [executor.execute(case, opset, "legacy") for opset in (17, 18)]
assert [r["outcome"] for r in results] == ["pass", "pass"], results
assert all(r["metrics"]["tolerance"]["method"] == "float64" for r in results)  # the noise was measured
assert alive == [[], []], alive
print("ok")
'''


def test_no_float64_twin_is_alive_when_an_export_starts(tmp_path: Path, cell_python: Path,
                                                        cell_env: dict[str, str]) -> None:
    """torch 2.1-2.4's dynamo_export fails on some models while deep copies of them are alive: the worker measures
    the float64 noise after the first conversion and collects the twins, so no export meets one."""
    write_case(tmp_path, "models/cyclic.py", CYCLIC)
    done = subprocess.run([str(cell_python), "-c", NO_TWIN_LEFT, str(tmp_path)], env=cell_env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]
