"""`convtrack run -j 2` for real over two real cells (torch 2.15.0 with onnxruntime 1.20.1 and 1.23.2, from the uv
cache), one case, one opset, one mode: both cells run at once (their tasks meet), each gets exactly its record, and
a SIGKILL or Ctrl-C of the run leaves no worker and no process a case started."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import ROOT, convtrack_command, project_flags, tiny_matrix, tiny_project
from convtrack import lifeline, store

pytestmark = pytest.mark.integration

MATRIX = tiny_matrix(onnxruntime=["1.20.1", "1.23.2"])
# Each cell's task says when it starts, waits (up to 5 min) until the other cell's task has started too, then holds
# for HOLD seconds with a child process alive: cells that ran one after the other could never meet.
MEET = '''CASE = {"converter": "torch.onnx", "timeout": 600}
def build():
    import json, os, subprocess, time
    from pathlib import Path
    import torch
    from convtrack.suite import seeded
    here = Path(os.environ["MEET_DIR"])
    child = subprocess.Popen(["sleep", "600"])
    mine = {"worker": os.getpid(), "child": child.pid, "start": time.time()}
    (here / f"{os.getpid()}.start").write_text(json.dumps(mine))
    deadline = time.time() + 300
    while len(list(here.glob("*.start"))) < 2 and time.time() < deadline:
        time.sleep(0.2)
    time.sleep(float(os.environ["HOLD"]))
    child.kill()
    (here / f"{os.getpid()}.end").write_text(str(time.time()))
    return torch.nn.Linear(4, 3).eval(), seeded((2, 4))
'''
CELLS = ["torch2.15.0-ort1.20.1-onnx1.17.0", "torch2.15.0-ort1.23.2-onnx1.17.0"]


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("uv") is None:
        pytest.skip(reason="uv is not installed: pip install -e '.[test]' installs it")
    root = tmp_path_factory.mktemp("proj")
    tiny_project(root, {"models/meet.py": MEET}, MATRIX)
    return root


def _start(root: Path, hold: float, **popen: object) -> tuple[subprocess.Popen[str], Path]:
    meet = root / f"meet-{time.monotonic_ns()}"
    meet.mkdir()
    cmd = convtrack_command(project_flags(root), "run", "--preset", "full", "--no-site", "-j", "2", "--memory-gb", "4")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), MEET_DIR=str(meet), HOLD=str(hold))
    return subprocess.Popen(cmd, env=env, cwd=root, text=True, **popen), meet  # type: ignore[call-overload]


def _pids_when_both_met(meet: Path, run: subprocess.Popen[str]) -> list[int]:
    deadline = time.monotonic() + 600
    while len(list(meet.glob("*.start"))) < 2 and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.5)
    starts = [json.loads(p.read_text()) for p in meet.glob("*.start")]
    assert len(starts) == 2, f"the two cells' tasks never ran at once (run exit {run.poll()})"
    return [pid for s in starts for pid in (s["worker"], s["child"])]


def _records(root: Path, cell: str) -> list[tuple[str, int, str, str]]:
    folder = root / "reports" / "records" / "torch.onnx" / cell
    return sorted((r["case"], r["opset"], r["mode"], r["outcome"]) for p in folder.glob("*.jsonl")
                  for r in store.read_file(p))


def _assert_all_gone(pids: list[int]) -> None:
    deadline = time.monotonic() + 20
    while any(lifeline.alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in pids if lifeline.alive(p)], pids


def _as_a_script_background_job() -> None:
    os.setsid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # what `cmd &` in a non-interactive shell hands its child


@pytest.mark.parametrize("how", ["sigkill", "ctrl-c", "sigterm-to-background-job", "sigint-to-background-job"])
def test_1_killing_a_parallel_run_leaves_no_process(project: Path, how: str) -> None:
    background = how.endswith("background-job")
    popen: dict[str, object] = {"preexec_fn": _as_a_script_background_job} if background else \
        {"start_new_session": True}
    run, meet = _start(project, hold=600, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, **popen)
    try:
        pids = _pids_when_both_met(meet, run)
        if how == "sigkill":
            run.kill()  # `convtrack run` alone: both nox trees, runners, workers and the cases' children follow
        elif how == "ctrl-c":
            os.killpg(run.pid, signal.SIGINT)  # what a terminal's Ctrl-C sends: the whole foreground group
        else:  # `kill -TERM PID` / `kill -INT PID` of a run a script started in the background
            run.send_signal(signal.SIGTERM if how.startswith("sigterm") else signal.SIGINT)
        _, err = run.communicate(timeout=60)
        _assert_all_gone(pids)
        if how != "sigkill":  # one line, no traceback
            assert run.returncode == 130 and "interrupted; the next run of the same command resumes it" in err
            assert "Traceback" not in err, err
    finally:
        if run.poll() is None:
            run.kill()
    assert all(_records(project, c) == [] for c in CELLS)  # the held tasks never finished: nothing recorded


def test_2_two_cells_run_at_once_and_each_records_exactly_its_task(project: Path) -> None:
    run, meet = _start(project, hold=0, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = run.communicate(timeout=900)
    assert run.returncode == 0, err
    starts = [json.loads(p.read_text())["start"] for p in meet.glob("*.start")]
    ends = [float(p.read_text()) for p in meet.glob("*.end")]
    assert len(starts) == len(ends) == 2 and max(starts) < min(ends)  # both tasks were running at one moment
    for cell in CELLS:
        assert _records(project, cell) == [("models/meet", 18, "legacy", "pass")]
    assert "2 cells -> " in err and ", 2 at once" in err
    lines = err.splitlines()
    for cell in CELLS:  # every line of a cell's output carries its id; its progress line is whole
        assert any(ln.startswith(f"[{cell}] [   1/1] models/meet") and ln.endswith(
            f"| {cell}: 1/1 done, 0 failed, " + ln.split(", 0 failed, ")[1]) for ln in lines), err
    table = lines[lines.index(next(ln for ln in lines if ln.startswith("cell "))):]
    assert [row.split()[0] for row in table[1:3]] == CELLS and all(row.split()[-1] == "ok" for row in table[1:3])
    assert all(re.fullmatch(r"\d+m\d\ds", row.split()[-2]) for row in table[1:3])  # each cell's wall time
    assert "run " in err and "2 records: pass 2" in err
