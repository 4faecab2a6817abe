"""`convtrack findings`: --help explains it, it writes FINDINGS.md into the reports folder, --json is for CI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from convtrack import cli
from findings_records import torch, write


def test_help_explains_the_findings(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        cli.main(["findings", "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for words in ("FINDINGS.md", "per task and per case", "--json", "--offline", "install and pass"):
        assert words in out


def test_writes_the_file_and_prints_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reports = write(tmp_path, [torch("2.6.0", "issues/a", "pass"), torch("2.9.1", "issues/a", "mismatch")])
    empty = tmp_path / "no-suites"
    assert cli.main(["--reports", str(reports), "--suites", str(empty), "findings", "--offline"]) == 0
    text = (reports / "FINDINGS.md").read_text()
    assert text.startswith("# Findings") and "1 regressions (0 loud failures that became silent)" in text
    assert "FINDINGS.md" in capsys.readouterr().err
    assert cli.main(["--reports", str(reports), "--suites", str(empty), "findings", "--offline", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["pair_totals"]["regressions"] == 1 and data["source"]["dates"] == "none"
