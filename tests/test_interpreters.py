"""Cells on another interpreter than their matrix's (issue 15: torch 1.x on Python 3.10): how it is found (pyenv's
versions through PYENV_VERSION, by uv), what nox is given, what a missing one records, and that the cell side
(everything a cell's runner and worker import) runs on that interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import write_case
from convtrack import cellrun, interpreters, matrix, nox_cells, store, suite
from convtrack.matrix_values import CELL_PYTHON_MIN
from test_matrix import BASE, write

ROOT = Path(__file__).resolve().parents[1]
PY310 = interpreters.find("3.10")
CELL_MIN = ".".join(map(str, CELL_PYTHON_MIN))
PY_CELL_MIN = interpreters.find(CELL_MIN)

OLD = BASE.replace('torch = ["2.1.2", "2.6.0", "2.16.0rc1"]', 'torch = ["1.13.1", "2.6.0"]').replace(
    "[presets.quick]", '[[rule]]\nwhen = { torch = "<2.0" }\npython = "3.10"\nreason = "no cp311 wheels"\n'
    "[presets.quick]")


def test_pyenv_versions_of_a_minor_are_listed_newest_first(tmp_path: Path) -> None:
    for name in ("3.10.2", "3.10.13", "3.11.7", "3.1.0", "3.10-dev", "3.10.13/envs"):
        (tmp_path / "versions" / name).mkdir(parents=True, exist_ok=True)
    assert interpreters.pyenv_versions("3.10", tmp_path) == ["3.10.13", "3.10.2"]
    assert interpreters.pyenv_versions("3.9", tmp_path) == []
    assert interpreters.pyenv_versions("3.10", tmp_path / "absent") == []


def test_the_lookup_lists_pyenvs_versions_after_those_already_selected(tmp_path: Path) -> None:
    (tmp_path / "versions" / "3.10.13").mkdir(parents=True)
    env = interpreters.lookup_env("3.10", {"PYENV_ROOT": str(tmp_path), "PYENV_VERSION": "3.11.7"})
    assert env["PYENV_VERSION"] == "3.11.7:3.10.13"  # the shims' `python` stays the one selected before
    assert env["UV_PYTHON_DOWNLOADS"] == "never"
    assert "PYENV_VERSION" not in interpreters.lookup_env("3.9", {"PYENV_ROOT": str(tmp_path)})


@pytest.mark.skipif(PY310 is None, reason="no Python 3.10 on this machine")
def test_find_gives_an_absolute_path_of_that_minor() -> None:
    assert PY310 is not None and Path(PY310).is_absolute()
    out = subprocess.run([PY310, "-c", "import sys; print(sys.version_info[:2])"], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "(3, 10)"
    assert interpreters.find("3.99") is None


def test_a_cell_on_the_matrixs_interpreter_keeps_its_id_and_another_carries_it(tmp_path: Path) -> None:
    got = {c.id: c for c in matrix.expand(matrix.load(write(tmp_path, OLD)))}
    new = got["torch2.6.0-ort1.20.1"]
    assert new.python == "3.11" and new.python_rule is None and "python_rule" not in new.to_dict()
    old = got["torch1.13.1-ort1.20.1-py3.10"]
    assert old.python == "3.10" and old.python_rule == "3.10" and old.axes == {"torch": "1.13.1",
                                                                              "onnxruntime": "1.20.1"}
    assert "python" not in old.requirements  # an interpreter, never a package to install
    assert matrix.Cell.from_dict(old.to_dict()).id == old.id
    assert store.parse_cell(old.id)["python"] == "3.10" and store.cell_python(old.id) == "3.10"
    assert store.cell_python(new.id) is None


def test_nox_creates_each_cells_environment_with_its_interpreter(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    import nox
    from nox._decorators import Call

    monkeypatch.setattr(interpreters, "find", lambda v: f"/pythons/{v}/bin/python{v}")
    nox.registry.reset()  # type: ignore[no-untyped-call]
    try:
        nox_cells._define(matrix.load(write(tmp_path, OLD)))
        func = nox.registry.get()[nox_cells.session_name("torch.onnx")]
        calls = {str(c.session_signature).strip("()"): c.python for c in Call.generate_calls(func, func.parametrize)}
    finally:
        nox.registry.reset()  # type: ignore[no-untyped-call]
    assert calls["torch2.6.0-ort1.20.1"] == "3.11"  # as before: nox finds the matrix's interpreter itself
    assert calls["torch1.13.1-ort1.20.1-py3.10"] == "/pythons/3.10/bin/python3.10"


def test_a_missing_interpreter_gives_nox_no_environment_and_the_cell_env_error_records(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(interpreters, "find", lambda v: None)
    cell = next(c for c in matrix.expand(matrix.load(write(tmp_path, OLD))) if c.python_rule)
    assert nox_cells.interpreter(cell) is False  # nox then runs the session without building anything
    write_case(tmp_path / "suites", "models/a.py", 'CASE = {"converter": "torch.onnx"}\ndef build():\n    pass\n')
    settings = cellrun.Settings({"CONVTRACK_REPORTS": str(tmp_path / "reports"),
                                 "CONVTRACK_WORK": str(tmp_path / "work"), "CONVTRACK_RUN_ID": "r1"})
    out = cellrun.execute(cell, suite.discover(tmp_path / "suites"), settings, log=lambda _: None)
    records = list(store.read_file(out))
    ran = [r for r in records if r["outcome"] != "not_applicable"]
    assert ran and {r["outcome"] for r in ran} == {"env_error"}
    assert "no Python 3.10 interpreter on this machine" in ran[0]["error"]
    assert {r["cell"] for r in records} == {"torch1.13.1-ort1.18.1-py3.10"}
    assert {r["versions"]["python"] for r in records} == {"3.10"}  # the site's cell page shows it


def test_harness_records_of_a_cell_on_the_matrixs_interpreter_are_as_before(tmp_path: Path) -> None:
    cell = matrix.Cell("torch.onnx", "torch", "3.11", {"torch": "2.0.0"}, {"torch": "==2.0.0"},
                       [matrix.Task(17, "legacy", "excluded")], na="excluded")
    write_case(tmp_path / "suites", "models/a.py", 'CASE = {"converter": "torch.onnx"}\ndef build():\n    pass\n')
    (record,) = cellrun.harness_records(cell, suite.discover(tmp_path / "suites"), "r1",
                                        store.Outcome.NOT_APPLICABLE, "x")
    assert record.versions == {"torch": "2.0.0"} and record.cell == "torch2.0.0"


def test_the_site_labels_a_cell_on_another_interpreter_with_it() -> None:
    from convtrack.site import common

    row = {"converter": "torch.onnx", "cell": "torch1.13.1-ort1.20.1-onnx1.17.0-py3.10", "framework": "torch",
           "axes": {"torch": "1.13.1", "onnxruntime": "1.20.1", "onnx": "1.17.0"},
           "versions": {"torch": "1.13.1"}}
    info = common.cell_info([row])[("torch.onnx", row["cell"])]
    assert info["others"] == "ort1.20.1-onnx1.17.0-py3.10" and info["python"] == "3.10"
    plain = dict(row, cell="torch2.6.0-ort1.20.1-onnx1.17.0", versions={"python": "3.11.7"})
    assert common.cell_info([plain])[("torch.onnx", plain["cell"])]["others"] == "ort1.20.1-onnx1.17.0"


CELL_SIDE = """
import importlib, pathlib, pkgutil, sys
import convtrack.cell
names = ["convtrack.cell." + m.name for m in pkgutil.walk_packages(convtrack.cell.__path__, "")]
for name in names:
    importlib.import_module(name)
loaded = sorted(n for n in sys.modules if n.startswith("convtrack"))
# and every file of the cell package compiles (a module imported only inside a function too), writing nothing
for path in sorted(pathlib.Path(convtrack.cell.__file__).parent.rglob("*.py")):
    compile(path.read_text(encoding="utf-8"), str(path), "exec")
print(len(names), " ".join(loaded))
"""

# What an import does not catch: calls that only fail when they run, on an interpreter older than 3.10, and the
# methods 3.9 added (str.removeprefix/removesuffix, Path.is_relative_to/with_stem, functools.cache). A dict union
# inside a function is not found here (the AST has no types): the cell side spells merges {**a, **b}.
NEWER_CALLS = ("zip(strict=)", "isinstance(x, A | B)", "3.9 methods")
NEWER_METHODS = frozenset({"removeprefix", "removesuffix", "is_relative_to", "with_stem", "cache"})


def _newer_calls(path: Path) -> list[str]:
    import ast

    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "zip" and any(
                k.arg == "strict" for k in node.keywords):
            found.append(f"{path.name}:{node.lineno} zip(strict=)")
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("isinstance", "issubclass") and len(
                node.args) == 2 and isinstance(node.args[1], ast.BinOp):
            found.append(f"{path.name}:{node.lineno} isinstance with a union")
        if isinstance(node, ast.Attribute) and node.attr in NEWER_METHODS:
            found.append(f"{path.name}:{node.lineno} .{node.attr} (Python 3.9)")
    return found


@pytest.mark.skipif(PY_CELL_MIN is None, reason=f"no Python {CELL_MIN} on this machine")
def test_the_cell_side_imports_and_calls_nothing_newer_than_its_oldest_interpreter() -> None:
    """A cell's runner and worker run on the cell's interpreter: every module of convtrack.cell, and whatever it
    imports from the package, must import on the oldest (3.8: no tomllib, datetime.UTC, typing.Self,
    ExceptionGroup, built-in generics at run time...) and call nothing newer (zip(strict=), an isinstance union,
    str.removeprefix: they fail only when they run)."""
    assert PY_CELL_MIN is not None
    out = subprocess.run([PY_CELL_MIN, "-c", CELL_SIDE], capture_output=True, text=True, check=False,
                         env={"PYTHONPATH": str(ROOT / "src"), "PYTHONDONTWRITEBYTECODE": "1"})
    assert out.returncode == 0, out.stderr[-3000:]
    count, loaded = out.stdout.split(" ", 1)
    assert int(count) >= 15 and "convtrack.cell.worker" in loaded and "convtrack.cell.runner" in loaded
    package = ROOT / "src"
    files = [package / (name.replace(".", "/") + ".py") for name in loaded.split()]
    files = [f if f.exists() else f.with_suffix("") / "__init__.py" for f in files]
    assert len(files) == len(loaded.split()) and all(f.exists() for f in files)
    assert [hit for f in files for hit in _newer_calls(f)] == []
    assert sys.version_info >= (3, 11)  # the host side may stay 3.11-only


def test_the_reason_for_a_missing_interpreter_says_where_it_looked(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYENV_ROOT", str(tmp_path))
    assert "pyenv install 3.14" in interpreters.missing("3.14") and "none installed" in interpreters.missing("3.14")
    (tmp_path / "versions" / "3.14.0").mkdir(parents=True)
    assert "3.14.0 listed" in interpreters.missing("3.14")
