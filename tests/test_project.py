"""The project is found from where the user stands: convtrack.toml or [tool.convtrack], upwards; flags override."""

from __future__ import annotations

from pathlib import Path

import pytest

from convtrack import cli, project


def test_found_upwards_with_paths_relative_to_the_config(tmp_path: Path) -> None:
    (tmp_path / "convtrack.toml").write_text('reports = "data/records"\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    p = project.find(deep)
    assert p.config == (tmp_path / "convtrack.toml").resolve()
    assert p.reports == (tmp_path / "data" / "records").resolve()
    assert p.matrix == (tmp_path / "matrix").resolve() and p.work == (tmp_path / ".convtrack").resolve()


def test_pyproject_tool_table_marks_a_project(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.convtrack]\nsuites = "cases"\n')
    assert project.find(tmp_path).suites == (tmp_path / "cases").resolve()


def test_no_project_means_defaults_where_the_user_stands(tmp_path: Path) -> None:
    p = project.find(tmp_path)
    assert p.config is None and p.matrix == (tmp_path / "matrix").resolve()


def test_unknown_key_is_an_error_naming_the_file(tmp_path: Path) -> None:
    (tmp_path / "convtrack.toml").write_text('matrx = "m"\n')
    with pytest.raises(project.ProjectError, match="convtrack.toml: unknown key 'matrx'"):
        project.find(tmp_path)


def test_cli_reads_the_project_and_flags_override(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "convtrack.toml").write_text('matrix = "nowhere"\n')
    monkeypatch.chdir(tmp_path)
    assert cli.main(["matrix", "list"]) == 2
    assert str(tmp_path / "nowhere") in capsys.readouterr().err
    repo = Path(__file__).resolve().parents[1]
    assert cli.main(["--matrix-dir", str(repo / "matrix"), "matrix", "list", "--preset", "quick"]) == 0


def test_the_repository_is_a_project() -> None:
    repo = Path(__file__).resolve().parents[1]
    assert project.find(repo / "src" / "convtrack").config == repo / "convtrack.toml"


def test_outside_any_project_the_error_says_how_to_make_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["matrix", "list"]) == 2
    assert "`convtrack init` writes one" in capsys.readouterr().err
