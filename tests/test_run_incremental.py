"""`convtrack run` end to end on the cheapest real cell (torch 2.15.0, from the uv cache): an unbuildable cell
fails the run by name while the other cell runs; a SIGKILL of `convtrack run` leaves no process; the next run
resumes with no record lost or duplicated; a no-change re-run executes zero tasks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import ROOT, convtrack_command, project_flags, tiny_matrix, tiny_project
from convtrack import lifeline, store

pytestmark = pytest.mark.integration

MATRIX = tiny_matrix(torch=["2.15.0", "9.9.9"], presets={"quick": ["2.15.0", "9.9.9"], "good": ["2.15.0"]})
OK = '''CASE = {"converter": "torch.onnx"}
def build():
    import torch
    from convtrack.suite import seeded
    return torch.nn.Linear(4, 3).eval(), seeded((2, 4))
'''
# Slow on purpose, with a grandchild: the run is killed while this task runs.
SLOW = '''CASE = {"converter": "torch.onnx"}
def build():
    import json, os, subprocess, time
    import torch
    from convtrack.suite import seeded
    child = subprocess.Popen(["sleep", "600"])
    with open(os.environ["PIDS_FILE"], "w") as fh:
        json.dump({"worker": os.getpid(), "child": child.pid}, fh)
    time.sleep(15)
    child.kill()
    return torch.nn.Linear(4, 3).eval(), seeded((2, 4))
'''
GOOD_CELL = "torch2.15.0-ort1.20.1-onnx1.17.0"
BAD_CELL = "torch9.9.9-ort1.20.1-onnx1.17.0"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("uv") is None:
        pytest.skip(reason="uv is not installed: pip install -e '.[test]' installs it")
    root = tmp_path_factory.mktemp("proj")
    tiny_project(root, {f"models/{name}.py": body for name, body in (("a_ok", OK), ("b_slow", SLOW), ("c_ok", OK))},
                 MATRIX)
    return root


def _cmd(root: Path, *extra: str) -> list[str]:
    return convtrack_command(project_flags(root), "run", "--no-site", "--timeout", "120", *extra)


def _env(root: Path) -> dict[str, str]:
    return dict(os.environ, PYTHONPATH=str(ROOT / "src"), PIDS_FILE=str(root / "pids.json"))


def _records(root: Path, cell: str) -> list[dict]:
    folder = root / "reports" / "records" / "torch.onnx" / cell
    return [r for p in sorted(folder.glob("*.jsonl")) for r in store.read_file(p)]


def test_1_sigkill_of_run_leaves_no_process_and_the_rerun_resumes(project: Path) -> None:
    pids_file = project / "pids.json"
    run = subprocess.Popen(_cmd(project, "--preset", "good"), env=_env(project), cwd=project,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 600
        while not pids_file.exists() and time.monotonic() < deadline:
            time.sleep(0.5)
        time.sleep(1)
        pids = json.loads(pids_file.read_text())
        run.kill()  # SIGKILL of `convtrack run` alone: nox, runner, worker and the case's child must follow
        run.wait()
        deadline = time.monotonic() + 15
        while any(lifeline.alive(p) for p in pids.values()) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not any(lifeline.alive(p) for p in pids.values()), pids
    finally:
        run.kill()
    before = _records(project, GOOD_CELL)
    assert [r["case"] for r in before] in ([], ["models/a_ok"])  # a_ok's record is written once b_slow is acked
    again = subprocess.run(_cmd(project, "--preset", "good"), env=_env(project), cwd=project, capture_output=True,
                           text=True, timeout=900)
    assert again.returncode == 0, again.stderr
    after = _records(project, GOOD_CELL)
    assert sorted(r["case"] for r in after) == ["models/a_ok", "models/b_slow", "models/c_ok"]  # none lost or twice
    assert {r["outcome"] for r in after} == {"pass"}
    assert len({r["env_lock"] for r in after}) == 1
    if before:
        assert "1 of 3 tasks skipped" in again.stderr
    # the killed run was marked incomplete (still running, its process gone) until this run resumed it
    states = {p.parent.name: json.loads(p.read_text())["state"]
              for p in (project / "work" / "runs").glob(f"*/{GOOD_CELL}.json")}
    assert len(states) == 2 and "complete" in states.values(), states
    assert any(v.startswith("resumed by ") for v in states.values()), states
    assert "resuming interrupted run" in again.stderr


def test_2_unbuildable_cell_fails_the_run_by_name_and_a_no_change_rerun_executes_nothing(project: Path) -> None:
    files_before = set((project / "reports").rglob("*.jsonl"))
    proc = subprocess.run(_cmd(project), env=_env(project), cwd=project, capture_output=True, text=True,
                          timeout=900)
    assert proc.returncode == 1, proc.stderr
    assert "1 of 2 cells could not run" in proc.stderr
    assert f"- {BAD_CELL}: " in proc.stderr and "9.9.9" in proc.stderr.split(f"- {BAD_CELL}: ")[1]
    assert "3 of 3 tasks skipped" in proc.stderr  # the good cell: everything already recorded
    new = set((project / "reports").rglob("*.jsonl")) - files_before
    assert all(BAD_CELL in str(p) for p in new), new  # the good cell executed zero tasks, wrote nothing
    # nox read the matrix as the run started, from the run's own copy (run.matrix_snapshot)
    frozen = sorted((project / "work" / "runs").glob("*/matrix/torch.toml"))
    assert frozen and frozen[-1].read_text() == (project / "matrix" / "torch.toml").read_text()
    forced = subprocess.run(_cmd(project, "--preset", "good", "--force", "--select", "a_ok"), env=_env(project),
                            cwd=project, capture_output=True, text=True, timeout=900)
    assert forced.returncode == 0, forced.stderr
    assert sorted(r["case"] for r in _records(project, GOOD_CELL)).count("models/a_ok") == 2


def test_3_a_no_change_rerun_starts_no_nox_until_the_environment_is_touched(project: Path) -> None:
    again = subprocess.run(_cmd(project, "--preset", "good"), env=_env(project), cwd=project, capture_output=True,
                           text=True, timeout=900)
    assert again.returncode == 0, again.stderr
    assert "1 of 1 cells up to date" in again.stderr and "3 of 3 tasks skipped" in again.stderr
    assert "nox >" not in again.stderr  # decided before nox: no session, no uv, no runner
    stamp = json.loads((project / "work" / "stamps" / f"{GOOD_CELL}.json").read_text())
    (site,) = Path(stamp["venv"]).glob("lib/python*/site-packages")
    (site / "touched.pth").write_text("")  # a distribution added by hand: the lock must be taken again
    try:
        touched = subprocess.run(_cmd(project, "--preset", "good"), env=_env(project), cwd=project,
                                 capture_output=True, text=True, timeout=900)
    finally:
        (site / "touched.pth").unlink()
    assert touched.returncode == 0, touched.stderr
    assert "cells up to date" not in touched.stderr and "nox >" in touched.stderr
    assert "3 of 3 tasks skipped" in touched.stderr  # nox froze the same packages: still nothing to execute


def test_a_run_reads_the_matrix_as_it_was_when_it_started(tmp_path: Path) -> None:
    from convtrack.commands.run import matrix_snapshot

    live = tmp_path / "matrix"
    live.mkdir()
    (live / "torch.toml").write_text("converter = 'torch.onnx'\n")
    (live / "README.md").write_text("not a matrix file")
    frozen = matrix_snapshot(live, tmp_path / "work" / "runs" / "r1" / "matrix")
    (live / "torch.toml").write_text("converter = 'edited while the run goes on'\n")
    assert sorted(p.name for p in frozen.iterdir()) == ["torch.toml"]
    assert (frozen / "torch.toml").read_text() == "converter = 'torch.onnx'\n"
