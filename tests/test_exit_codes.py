"""Exit codes as documented: input errors exit 2 naming the file/key/value before any environment is built;
nothing to show exits 0."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import NO_MODEL_CASE, tiny_matrix, tiny_project
from convtrack import cli

MATRIX = tiny_matrix(packages={}, presets={"quick": ["2.15.0"]})


def _project(tmp_path: Path, cases: dict[str, str] | None = None) -> list[str]:
    return tiny_project(tmp_path, cases or {}, MATRIX)


@pytest.mark.parametrize("command", [["changes", "--axis", "typo"],
                                     ["bisect", "models/x", "--axis", "typo", "--good", "1", "--bad", "2"],
                                     ["gate", "--baseline", "torch==2.15.0", "--candidate", "torch==2.16.0",
                                      "--hold", "torchh=1"]])
def test_unknown_axis_exits_2_naming_option_and_value(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     command: list[str]) -> None:
    flags = _project(tmp_path, {"models/x.py": NO_MODEL_CASE})
    assert cli.main([*flags, *command]) == 2
    err = capsys.readouterr().err
    assert "unknown axis" in err and ("'typo'" in err or "'torchh'" in err) and "matrix" in err
    assert not (tmp_path / "work").exists()


@pytest.mark.parametrize("body, key", [('CASE = {"converter": "torch.onnx", "timeout": "soon"}\n', "timeout"),
                                       ("CASE = {\n", "not valid Python")])
def test_run_with_a_bad_case_exits_2_before_any_environment(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            body: str, key: str) -> None:
    flags = _project(tmp_path, {"models/bad.py": body})
    assert cli.main([*flags, "run", "--no-site"]) == 2
    err = capsys.readouterr().err
    assert "models/bad.py" in err and key in err
    assert not (tmp_path / "work").exists() and not (tmp_path / "reports").exists()


def test_nothing_to_show_is_not_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flags = _project(tmp_path)
    assert cli.main([*flags, "report"]) == 0
    assert cli.main([*flags, "changes"]) == 0
    assert "no records" in capsys.readouterr().err


@pytest.mark.parametrize("options, says", [(["-j", "0"], "-j 0: the number of cells at once must be 1 or more"),
                                           (["-j", "2", "--memory-gb", "100000"], "does not fit this machine's"),
                                           (["--disk-budget", "lots"], "not a size: 'lots'"),
                                           (["--prune-cache"], "--prune-cache needs --disk-budget SIZE")])
def test_run_options_that_cannot_hold_exit_2_before_any_environment(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str],
                                                                    options: list[str], says: str) -> None:
    flags = _project(tmp_path, {"models/x.py": NO_MODEL_CASE})
    assert cli.main([*flags, "run", "--no-site", *options]) == 2
    assert says in capsys.readouterr().err
    assert not (tmp_path / "work").exists() and not (tmp_path / "reports").exists()
