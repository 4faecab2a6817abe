"""Progress: the runner's line per task says done/total, failures, elapsed and ETA for its cell; `convtrack run`
ends with a table per cell."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, write_case
from convtrack import matrix, plan, run_summary, slow, suite


def test_the_runner_reports_done_total_failures_elapsed_and_eta(tmp_path: Path) -> None:
    root = tmp_path / "suites"
    for i in range(3):
        write_case(root, f"models/m{i}.py", 'CASE = {"converter": "torch.onnx"}\ndef build(): pass\n')
    cell = matrix.Cell("torch.onnx", "torch", "3.11", {"torch": "2.15.0"}, {},
                       [matrix.Task(18, "legacy", na="excluded here")])  # the real runner, no worker needed
    plan_path = plan.write(plan.make(cell, suite.discover(root), "p"), tmp_path / "plan.json")
    proc = subprocess.run([sys.executable, "-m", "convtrack.cell.runner", "--plan", str(plan_path), "--out",
                           str(tmp_path / "out.jsonl"), "--log", str(tmp_path / "log")], capture_output=True,
                          text=True, env=dict(os.environ, PYTHONPATH=str(ROOT / "src")), check=True)
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("[")]
    assert len(lines) == 3
    assert lines[-1].endswith(f"{cell.id}: 3/3 done, 0 failed, 0m00s elapsed, ETA 0m00s")
    assert "1/3 done" in lines[0]


def test_summary_table_names_every_cell_and_its_state(tmp_path: Path) -> None:
    rows = [run_summary.CellSummary("a", 4, {"pass": 3, "crash": 1}, total=4, seconds=75.4),
            run_summary.CellSummary("b", 0, skipped=6, total=6),
            run_summary.CellSummary("c", 2, {"env_error": 2}, failure="no torch 9.9.9", total=2)]
    text = run_summary.table(rows)
    lines = text.splitlines()
    assert lines[0].split() == ["cell", "records", "pass", "failed", "skipped", "time", "status"]
    assert lines[1].split() == ["a", "4", "3", "1", "0", "1m15s", "ok"]
    assert lines[2].split() == ["b", "0", "0", "0", "6", "-", "up", "to", "date"]
    assert lines[3].split()[-3:] == ["could", "not", "run"]


def test_a_slow_step_says_what_it_does_and_a_quick_one_says_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    with slow.announce("building the site", after=0.05):
        time.sleep(0.3)
    err = capsys.readouterr().err
    assert "convtrack: building the site..." in err and "building the site: done in" in err
    with slow.announce("reading records", after=5):
        pass
    assert capsys.readouterr().err == ""
