"""Cells that never reach a runner still leave one record per task, with the reason."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from conftest import ROOT, write_case
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
    # the reason names uv's cause, so a table that shows reasons shows why (uv: "Because torch==2.99.0 ...")
    reason = records[0]["reason"]
    assert reason.startswith("the cell's environment could not be built: ") and "2.99.0" in reason, reason


@pytest.mark.parametrize(("text", "keep"), [
    ("Resolved 3 packages\n  × No solution found when resolving dependencies:\n"
     "  ╰─▶ Because torch==2.99.0 was not found", "No solution found"),
])
def test_uv_error_keeps_the_lines_that_say_why(text: str, keep: str) -> None:
    assert keep in cellrun.uv_error(text) and "Resolved" not in cellrun.uv_error(text)


NEEDS_TV = '''CASE = {"converter": "torch.onnx", "requires": ["torchvision"]}
def build():
    raise AssertionError("never built")
'''


def probe_cell() -> matrix.Cell:
    return matrix.Cell("torch.onnx", "torch", "3.11", {"torch": "2.9.0"},
                       {"torch": "==2.9.0", "torchvision": "~=0.24.0", "timm": "==1.0.31"},
                       [matrix.Task(18, "dynamo")], case_packages={"torchvision": [], "timm": ["torchvision"]})


def installs_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, select: list[str]) -> list[str]:
    """What execute asks uv to install for the selected cases (uv is stubbed to fail after recording it)."""
    write_case(tmp_path / "suites", "models/tv.py", NEEDS_TV)
    cases, settings = setup(tmp_path)
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True, exist_ok=True)
    (venv / "bin" / "python").touch()
    asked: list[str] = []

    def fake_install(python: str, requirements: list[str], extra: list[str] | None = None) -> Any:
        asked.extend(requirements)
        return subprocess.CompletedProcess([], 1, "", "error: stubbed")

    monkeypatch.setattr(cellrun, "install", fake_install)
    chosen = [c for c in cases if any(s == c.id for s in select)]
    cellrun.execute(probe_cell(), chosen, settings, venv=venv, log=lambda _: None)
    return asked


def test_a_one_case_probe_installs_no_case_package_it_does_not_import(tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    assert installs_for(tmp_path, monkeypatch, ["models/a"]) == ["torch==2.9.0"]


def test_a_case_that_requires_torchvision_gets_it_without_timm(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    assert installs_for(tmp_path, monkeypatch, ["models/a", "models/tv"]) == ["torch==2.9.0", "torchvision~=0.24.0"]


def test_case_level_exclusion_records_not_applicable_before_any_environment(tmp_path: Path) -> None:
    cases, settings = setup(tmp_path)
    cell = matrix.Cell("tf2onnx", "tensorflow", "3.11", {"tensorflow": "2.17.1"}, {"tensorflow": "==2.17.1"},
                       [matrix.Task(13, None), matrix.Task(15, None)],
                       case_na={"models/a": "window", "models/b": "window"})
    for c in cases:
        c.meta["converter"] = "tf2onnx"
    out = cellrun.execute(cell, cases, settings, log=lambda _: None)
    records = list(store.read_file(out))
    assert len(records) == 4 and {(r["outcome"], r["reason"]) for r in records} == {("not_applicable", "window")}
    assert not (tmp_path / "work" / "envs").exists()


def _wheel(folder: Path, name: str) -> None:
    """A real, minimal pure-Python wheel, so uv installs from a --find-links folder with no index."""
    info = f"{name}-1.0.dist-info"
    with zipfile.ZipFile(folder / f"{name}-1.0-py3-none-any.whl", "w") as whl:
        whl.writestr(f"{name}/__init__.py", "")
        whl.writestr(f"{info}/METADATA", f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
        whl.writestr(f"{info}/WHEEL", "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
        whl.writestr(f"{info}/RECORD", "")


def test_a_reused_environment_holds_exactly_what_the_cell_asks_for(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    for name in ("kept", "left_over"):
        _wheel(wheels, name)
    venv = tmp_path / "venv"
    assert cellrun.create_venv(venv, "3.11").returncode == 0
    local = ["--no-index", "--find-links", str(wheels)]
    python = str(venv / "bin" / "python")
    assert cellrun.install(python, ["kept", "left_over"], local).returncode == 0
    assert cellrun.install(python, ["kept"], local).returncode == 0  # the next run's pins: left_over is gone
    assert [line.split("==")[0] for line in cellrun.freeze(python)] == ["kept"]


def test_two_checkouts_sharing_a_work_folder_keep_their_own_harness_link(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """A run and a replay from two checkouts of convtrack with one --work: neither re-points the other's link."""
    import convtrack
    from convtrack import cellrun

    mine = cellrun.harness_path(tmp_path)
    other_pkg = tmp_path / "other" / "convtrack"
    other_pkg.mkdir(parents=True)
    (other_pkg / "__init__.py").write_text("")
    monkeypatch.setattr(convtrack, "__file__", str(other_pkg / "__init__.py"))
    theirs = cellrun.harness_path(tmp_path)
    assert mine != theirs and (theirs / "convtrack").resolve() == other_pkg.resolve()
    assert (mine / "convtrack").resolve() == (ROOT / "src" / "convtrack").resolve()
    assert cellrun.harness_path(tmp_path) == theirs  # stable: the same checkout finds its folder again
