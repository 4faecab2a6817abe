"""No orphans, for real: a worker and whatever its case started die with the runner (even on SIGKILL) and with
the worker itself; the memory limit counts the case's child processes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import write_case
from convtrack import lifeline, matrix, plan, store, suite

pytestmark = pytest.mark.integration

# Starts a sleeping grandchild, reports both pids, then hangs (or aborts): what could be left behind.
SPAWN = '''CASE = {"converter": "torch.onnx", "timeout": 300}
def build():
    import json, os, subprocess, time
    child = subprocess.Popen(["sleep", "600"])
    with open(os.environ["PIDS_FILE"], "w") as fh:
        json.dump({"worker": os.getpid(), "child": child.pid}, fh)
    %s
'''
CHILD_HOG = '''CASE = {"converter": "torch.onnx", "timeout": 120}
def build():
    import subprocess, sys, time
    subprocess.Popen([sys.executable, "-c", "import time; x = b'x' * (3 * 2**30); time.sleep(600)"])
    time.sleep(600)
'''
OK = '''CASE = {"converter": "torch.onnx"}
def build():
    import torch
    from convtrack.suite import seeded
    return torch.nn.Linear(4, 3).eval(), seeded((2, 4))
'''


def _runner(tmp_path: Path, cell_python: Path, env: dict[str, str], cases: dict[str, str],
            memory_gb: float = 12.0) -> tuple[list[str], Path]:
    root = tmp_path / "suites"
    for rel, body in cases.items():
        write_case(root, rel, body)
    found = {c.id: c for c in suite.discover(root)}
    cell = matrix.Cell("torch.onnx", "torch", "3.11", {"torch": "2.15.0"}, {}, [matrix.Task(18, "legacy")])
    plan_path = plan.write(plan.make(cell, [found[rel[:-3]] for rel in cases], "test-run", case_timeout=60,
                                     memory_limit_gb=memory_gb), tmp_path / "plan.json")
    out = tmp_path / "out.jsonl"
    cmd = [str(cell_python), "-m", "convtrack.cell.runner", "--plan", str(plan_path), "--out", str(out),
           "--log", str(tmp_path / "log.txt"), "--quiet"]
    return cmd, out


def _wait_for(path: Path, timeout: float = 120) -> dict[str, int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists() and path.read_text().endswith("}"):
            return json.loads(path.read_text())
        time.sleep(0.2)
    raise AssertionError(f"{path} never appeared")


def _all_dead(pids: list[int], within: float = 10) -> bool:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not any(lifeline.alive(p) for p in pids):
            return True
        time.sleep(0.2)
    return False


def test_sigkill_of_the_runner_leaves_no_process(tmp_path: Path, cell_python: Path,
                                                 cell_env: dict[str, str]) -> None:
    pids_file = tmp_path / "pids.json"
    cmd, _ = _runner(tmp_path, cell_python, cell_env, {"models/spawn_hang.py": SPAWN % "time.sleep(600)"})
    runner = subprocess.Popen(cmd, env=dict(cell_env, PIDS_FILE=str(pids_file)), start_new_session=True)
    try:
        pids = _wait_for(pids_file)
        assert lifeline.alive(pids["worker"]) and lifeline.alive(pids["child"])
        runner.kill()  # SIGKILL: the runner can clean up nothing
        runner.wait()
        assert _all_dead([pids["worker"], pids["child"]]), pids
    finally:
        runner.kill()


def test_a_crashed_workers_children_are_killed(tmp_path: Path, cell_python: Path, cell_env: dict[str, str]) -> None:
    pids_file = tmp_path / "pids.json"
    cmd, out = _runner(tmp_path, cell_python, cell_env,
                       {"models/a_spawn_abort.py": SPAWN % "os.abort()", "models/b_ok.py": OK})
    subprocess.run(cmd, env=dict(cell_env, PIDS_FILE=str(pids_file)), check=True, timeout=600)
    pids = json.loads(pids_file.read_text())
    assert _all_dead([pids["worker"], pids["child"]]), pids
    outcomes = {r["case"]: r["outcome"] for r in store.read_file(out)}
    assert outcomes == {"models/a_spawn_abort": "crash", "models/b_ok": "pass"}


def test_memory_of_a_cases_child_process_counts(tmp_path: Path, cell_python: Path,
                                                cell_env: dict[str, str]) -> None:
    cmd, out = _runner(tmp_path, cell_python, cell_env, {"models/a_child_hog.py": CHILD_HOG, "models/b_ok.py": OK},
                       memory_gb=2.0)
    subprocess.run(cmd, env=cell_env, check=True, timeout=600)
    by_case = {r["case"]: r for r in store.read_file(out)}
    assert by_case["models/a_child_hog"]["outcome"] == "crash"
    assert "memory limit" in by_case["models/a_child_hog"]["error"]
    assert by_case["models/b_ok"]["outcome"] == "pass"


def test_tree_pids_sees_a_grandchild() -> None:
    proc = subprocess.Popen(["sh", "-c", "sleep 30 & wait"], start_new_session=True)
    try:
        deadline = time.monotonic() + 5
        while len(lifeline.tree_pids(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(lifeline.tree_pids(proc.pid)) >= 2
        assert lifeline.tree_rss_bytes(proc.pid) > lifeline.rss_bytes(proc.pid)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
