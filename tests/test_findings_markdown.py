"""FINDINGS.md from a Findings object: the six sections, tables that survive pipes in error text, the blame column
only when records carry blame, and the same text from the same records."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from convtrack import findings, installability_report
from convtrack.findings import markdown
from findings_records import load, torch, write
from installability_files import torch_file

needs_uv = pytest.mark.skipif(shutil.which("uv") is None, reason="uv is not installed")


def _render(tmp_path: Path, blame: bool) -> str:
    extra = {"blame": {"verdict": "runtime", "reason": "ORT"}} if blame else {}
    records = [torch("2.6.0", "issues/a", "pass"), torch("2.9.1", "issues/a", "run_error", signature="E: a | b",
                                                           **extra),
               torch("2.6.0", "models/b", "not_applicable", kind="model", reason="needs | timm"),
               torch("2.9.1", "models/b", "mismatch", kind="model")]
    latest, found = load(write(tmp_path, records))
    return markdown.render(findings.compute(latest, found))


def test_the_six_sections_and_escaped_tables(tmp_path: Path) -> None:
    text = _render(tmp_path, blame=False)
    for heading in ("## 1. Outcome shares", "### Beside the paper's figures", "## 2. Silent share per release",
                    "## 3. Regressions and fixes per release pair", "## 4. The ten longest-lived open failures",
                    "## 5. Which combinations install and pass", "## 6. Where our observations differ"):
        assert heading in text
    assert "needs \\| timm" in text  # a pipe in a reason does not split the table row
    assert "| run | `run_error` |" in text
    assert "No record carries a blame verdict yet" in text and "| blame" not in text
    assert "The suite was not given" in text


def test_a_blame_column_when_records_carry_blame(tmp_path: Path) -> None:
    text = _render(tmp_path, blame=True)
    assert "blame (regressions + fixes)" in text and "runtime 1" in text


def test_the_same_records_give_the_same_text(tmp_path: Path) -> None:
    """No wall-clock time in the text: regenerating from unchanged records changes nothing."""
    first = _render(tmp_path, blame=False)
    latest, found = load(tmp_path / "reports")  # read again from disk
    assert markdown.render(findings.compute(latest, found)) == first


def test_withdrawn_runs_are_named_in_the_source_line(tmp_path: Path) -> None:
    latest, found = load(write(tmp_path, [torch("2.6.0", "issues/a", "pass")]))
    text = markdown.render(findings.compute(latest, found, withdrawn={("r1", "torch1.7.1-x"): "outputs unnamed"}))
    assert "1 runs of a cell are withdrawn" in text and "torch1.7.1-x (r1): outputs unnamed" in text
    assert "withdrawn" not in markdown.render(findings.compute(latest, found))


def test_percentages_and_cells() -> None:
    assert markdown.pct(None) == "–" and markdown.pct(0.0712) == "7.1 %"
    assert markdown.cell_text("a\nb | c") == "a b \\| c"
    assert markdown.table(["x"], [[1]]) == "| x |\n|---|\n| 1 |"


def test_cells_that_do_not_install_or_were_excluded_are_listed_with_their_reason(tmp_path: Path) -> None:
    records = [torch("2.6.0", f"issues/{c}", "pass") for c in "ab"]
    records += [torch("2.7.1", f"issues/{c}", "env_error", reason="no wheel for cp311") for c in "ab"]
    records += [torch("2.8.0", f"issues/{c}", "not_applicable", reason="rule: never resolves") for c in "ab"]
    latest, found = load(write(tmp_path, records))
    text = markdown.render(findings.compute(latest, found))
    assert "- `torch2.7.1-ort1.20.1-onnx1.17.0` (does not install): no wheel for cp311" in text
    assert "- `torch2.8.0-ort1.20.1-onnx1.17.0` (excluded by the matrix): rule: never resolves" in text
    assert "| **no** |" in text and "| excluded |" in text


@needs_uv
def test_releases_that_do_not_install_one_line_per_interpreter_linking_the_detail(tmp_path: Path) -> None:
    reports = write(tmp_path, [torch("2.6.0", "issues/a", "pass")])
    torch_file(reports, tmp_path / "wheels")
    latest, found = load(reports)
    installable, unreadable = installability_report.load_all(reports)
    text = markdown.render(findings.compute(latest, found, installable=installable, unreadable=unreadable))
    section = text.split("### Framework releases that do not install here")[1].split("### Cells that")[0]
    assert "**torch** (torch.onnx; 4 releases (1.10.2 to 2.6.0) on Python 3.10, 3.11, 3.12, probed 2026-11-30 " \
           "with uv 0.13.9; the matrix runs on 3.11; [uv's reasons](installability/torch.onnx.json))" in section
    assert [line for line in section.splitlines() if line.startswith("- ")] == [
        "- not installable on Python 3.11 (the matrix's): torch 1.12.1 (no cp311 wheel); torch 1.10.2 (no wheel for "
        "this platform); torch 2.0.1 (its dependencies do not resolve)",
        "- not installable on Python 3.12: torch 1.12.1 (no cp312 wheel); torch 2.6.0 (probe failed)",
        "- every release probed installs on Python 3.10"]
    assert "Because" not in section  # uv's own words are on the site page and in the data file, not here
    assert '"Not installable" page (`installability.html`)' in section


def test_without_installability_data_the_section_says_how_to_make_it(tmp_path: Path) -> None:
    latest, found = load(write(tmp_path, [torch("2.6.0", "issues/a", "pass")]))
    text = markdown.render(findings.compute(latest, found, unreadable=["reports/installability/x.json: key 'schema'"]))
    assert markdown.NO_INSTALLABILITY in text
    assert "Unreadable installability file: reports/installability/x.json: key 'schema'" in text
