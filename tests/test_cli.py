from __future__ import annotations

from pathlib import Path

import pytest

from convtrack import cli

ROOT = Path(__file__).resolve().parents[1]


def test_help_explains_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for word in ("run", "matrix", "report", "site", "suite", "exit status"):
        assert word in out


def test_matrix_list_shows_cells_and_not_applicable_reasons(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["matrix", "list", "--converter", "torch.onnx"]) == 0
    out = capsys.readouterr().out
    assert "torch2.1.2-ort1.20.1-onnx1.17.0" in out
    assert "not_applicable" in out and "opset 18" in out
    assert "install: torch==2.1.2" in out


def test_malformed_matrix_exits_2_naming_file_key_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (ROOT / "matrix" / "torch.toml").read_text().replace('"2.4.1"', '"2.four"', 1)
    (tmp_path / "torch.toml").write_text(text)
    assert cli.main(["--matrix-dir", str(tmp_path), "matrix", "list"]) == 2
    err = capsys.readouterr().err
    assert str(tmp_path / "torch.toml") in err and "axes.torch" in err and "2.four" in err


def test_suite_list_counts_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["suite", "list"]) == 0
    captured = capsys.readouterr()
    assert "issues/pytorch_131272" in captured.out
    assert "https://github.com/pytorch/pytorch/issues/131272" in captured.out
    assert "cases:" in captured.err


def test_report_prints_the_table_and_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from convtrack import store

    store.write_all(tmp_path / "records" / "torch.onnx" / "c" / "r.jsonl", [
        store.Record(run_id="r", converter="torch.onnx", framework="torch", cell="torch2.6.0", case="models/y",
                     case_kind="model",
                     case_hash="h", opset=17, mode="legacy", versions={"torch": "2.6.0"}, outcome="mismatch")])
    assert cli.main(["--reports", str(tmp_path), "report"]) == 0
    out = capsys.readouterr().out
    assert "torch.onnx" in out and "models/y" in out and "MISM" in out
    assert cli.main(["--reports", str(tmp_path), "report", "--json"]) == 0
    assert '"outcome":"mismatch"' in capsys.readouterr().out.replace(" ", "")


def test_report_without_records_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--reports", str(tmp_path), "report"]) == 0  # nothing to show is not an error
    assert "no records" in capsys.readouterr().err
