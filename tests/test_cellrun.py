"""Cells that never reach a runner still leave one record per task, with the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_case
from convtrack import cellrun, matrix, store, suite

CASE = '''CASE = {"converter": "torch.onnx"}
def build():
    raise AssertionError("never built")
'''


def setup(tmp_path: Path) -> tuple[list[suite.Case], cellrun.Settings]:
    write_case(tmp_path / "suites", "models/a.py", CASE)
    write_case(tmp_path / "suites", "models/b.py", CASE)
    settings = cellrun.Settings({"CONVTRACK_REPORTS": str(tmp_path / "reports"),
                                 "CONVTRACK_WORK": str(tmp_path / "work"), "CONVTRACK_RUN_ID": "r1"})
    return suite.discover(tmp_path / "suites"), settings


def test_excluded_cell_records_not_applicable_without_an_environment(tmp_path: Path) -> None:
    cases, settings = setup(tmp_path)
    cell = matrix.Cell("torch.onnx", "torch", "3.11", {"torch": "2.0.0"}, {"torch": "==2.0.0"},
                       [matrix.Task(17, "legacy", "excluded"), matrix.Task(18, "legacy", "excluded")], na="excluded")
    out = cellrun.execute(cell, cases, settings, log=lambda _: None)
    records = list(store.read_file(out))
    assert len(records) == 4 and {r["outcome"] for r in records} == {"not_applicable"}
    assert {r["reason"] for r in records} == {"excluded"}
    assert not (tmp_path / "work" / "envs").exists()


def test_version_that_does_not_exist_is_an_env_error_that_says_so(tmp_path: Path) -> None:
    cases, settings = setup(tmp_path)
    cell = matrix.Cell("torch.onnx", "torch", "3.11", {"torch": "2.99.0"}, {"torch": "==2.99.0"},
                       [matrix.Task(17, "legacy")])
    out = cellrun.execute(cell, cases, settings, log=lambda _: None)
    records = list(store.read_file(out))
    assert [r["outcome"] for r in records] == ["env_error", "env_error"]
    assert "2.99.0" in records[0]["error"]
    assert records[0]["signature"]


@pytest.mark.parametrize(("text", "keep"), [
    ("Resolved 3 packages\n  × No solution found when resolving dependencies:\n"
     "  ╰─▶ Because torch==2.99.0 was not found", "No solution found"),
])
def test_uv_error_keeps_the_lines_that_say_why(text: str, keep: str) -> None:
    assert keep in cellrun.uv_error(text) and "Resolved" not in cellrun.uv_error(text)
