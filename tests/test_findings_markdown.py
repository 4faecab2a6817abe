"""FINDINGS.md from a Findings object: the six sections, tables that survive pipes in error text, the blame column
only when records carry blame, and the same text from the same records."""

from __future__ import annotations

from pathlib import Path

from convtrack import findings
from convtrack.findings import markdown
from findings_records import load, torch, write


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
