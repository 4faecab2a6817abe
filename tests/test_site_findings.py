"""The findings page: built from the same Findings object as FINDINGS.md, in the nav of every page and linked from
the front page, every link resolving, record text escaped."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from convtrack import analysis, findings, site, transitions, withdrawn
from convtrack.findings import markdown
from convtrack.site import findings as site_findings
from crawl import broken_links
from findings_records import load, tf, torch, write
from installability_files import torch_file
from test_site import ESCAPED, EVIL, make_reports, make_suites

needs_uv = pytest.mark.skipif(shutil.which("uv") is None, reason="uv is not installed")


def _build(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    site.build(make_reports(tmp_path), out, suites=make_suites(tmp_path), online=False)
    return out


def test_the_page_is_built_linked_and_its_links_resolve(tmp_path: Path) -> None:
    out = _build(tmp_path)
    page = (out / "findings.html").read_text()
    for heading in ("1. Outcome shares", "Beside the paper", "2. Silent share per release",
                    "3. Regressions and fixes per release pair", "4. The ten longest-lived open failures",
                    "5. Which combinations install and pass", "6. Where our observations differ"):
        assert heading in page
    index = (out / "index.html").read_text()
    assert index.count('href="./findings.html"') == 2  # in the nav bar and in the front page's text
    for other, root in (("health.html", "."), ("cases/issues--evil.html", "..")):
        nav = re.search(r"<nav>(.*?)</nav>", (out / other).read_text(), re.S)
        assert nav and f'href="{root}/findings.html"' in nav.group(1), other
    assert broken_links(out) == []


def test_record_text_is_escaped(tmp_path: Path) -> None:
    reports = write(tmp_path, [torch("2.6.0", "models/a", "pass", kind="model"),
                               torch("2.6.0", "models/b", "not_applicable", kind="model", reason=EVIL)])
    site.build(reports, tmp_path / "out", online=False)
    page = (tmp_path / "out" / "findings.html").read_text()
    assert ESCAPED in page and EVIL not in page


def test_a_withdrawn_run_is_named_on_the_page_escaped(tmp_path: Path) -> None:
    reports = write(tmp_path, [torch("2.6.0", "models/a", "pass", kind="model")])
    entry = {"run_id": "r0", "cell": "torch2.6.0-ort1.20.1-onnx1.17.0", "reason": EVIL, "fixed_by": "abc",
             "replaced_by": "r1"}
    (reports / withdrawn.FILE).write_text(json.dumps({"schema": 1, "withdrawn": [entry]}))
    site.build(reports, tmp_path / "out", online=False)
    page = (tmp_path / "out" / "findings.html").read_text()
    assert "1 runs of a cell are withdrawn" in page and ESCAPED in page and EVIL not in page


def test_page_and_file_show_the_same_figures(tmp_path: Path) -> None:
    """Compute once, render twice: the page's share cells are the Markdown's, from one object."""
    out = _build(tmp_path)
    latest, found = load(tmp_path / "reports")
    result = findings.compute(latest, found)
    text, page = markdown.render(result), (out / "findings.html").read_text()
    for s in result.shares:
        for value in s.shares.values():
            assert markdown.pct(value) in text and markdown.pct(value) in page
    assert f"{result.pair_totals['regressions']} regressions" in text
    assert f"{result.pair_totals['regressions']} regressions" in page


def test_cases_come_from_the_builds_metadata() -> None:
    assert site_findings.cases({}) is None
    (case,) = site_findings.cases({"issues/x": {"kind": "issue", "converter": "torch.onnx", "hash": "abc"}}) or []
    assert (case.id, case.hash, case.kind, case.converter) == ("issues/x", "abc", "issue", "torch.onnx")


def test_the_replay_section_shows_the_same_figures_as_the_file(tmp_path: Path) -> None:
    from convtrack import replay
    from test_findings_replay import _records, _write

    reports = write(tmp_path, [torch("2.6.0", f"issues/{c}", "pass") for c in "abcd"])  # the kept models' sources
    _write(reports, _records())
    site.build(reports, tmp_path / "out", online=False)
    page = (tmp_path / "out" / "findings.html").read_text()
    latest, found = load(reports)
    result = findings.compute(latest, found, replayed=replay.load(reports))
    assert result.replay is not None
    text = markdown.render(result)
    assert "7. The onnxruntime replay track" in page and 'href="./replay.html"' in page
    r = result.replay
    for figure in (f"{r.records} replay records of {r.models} kept models", f"{r.totals['regressions']} regressions",
                   "1.21.1–1.22.1", f"({markdown.pct(r.runs_everywhere_share)})"):
        assert figure in text and figure in page, figure
    assert "<td>1.18.1 → 1.21.1</td><td>3</td><td>2 (0)</td>" in page
    assert broken_links(tmp_path / "out") == []


@needs_uv
def test_releases_that_do_not_install_are_summed_up_and_link_the_not_installable_page(tmp_path: Path) -> None:
    reports = write(tmp_path, [torch("2.6.0", "issues/a", "pass")])
    torch_file(reports, tmp_path / "wheels")
    out = tmp_path / "out"
    site.build(reports, out, online=False)
    page = (out / "findings.html").read_text()
    section = page.split('id="not-installable"')[1].split("Cells that do not install")[0]
    assert '<a href="./installability.html">Not installable</a>' in section
    assert "<td>3.11 (the matrix's)</td><td>no cp311 wheel</td><td>torch 1.12.1</td>" in section
    assert "<td>3.12</td><td>probe failed</td><td>torch 2.6.0</td>" in section
    assert "the matrix runs on 3.11" in section and "Because" not in section  # uv's words: on the linked page
    assert "Because torch==1.12.1 has no wheels" in (out / "installability.html").read_text()
    assert broken_links(out) == []


def test_without_installability_data_the_section_says_how_to_make_it(tmp_path: Path) -> None:
    site.build(write(tmp_path, [torch("2.6.0", "issues/a", "pass")]), tmp_path / "out", online=False)
    page = (tmp_path / "out" / "findings.html").read_text()
    assert ("No installability data: convtrack matrix installable writes "
            "reports/installability/&lt;converter&gt;.json.") in page


def test_changes_set_apart_are_shown_per_pair_on_the_page_and_in_the_file(tmp_path: Path) -> None:
    def dynamo(version: str, case: str, outcome: str, onnxscript: str) -> dict[str, object]:
        r = torch(version, case, outcome, mode="dynamo", signature=None if outcome == "pass" else "E")
        r["versions"] = {**r["versions"], "onnxscript": onnxscript}
        return r

    reports = write(tmp_path, [dynamo("2.4.1", "issues/a", "pass", "0.1.0"),
                               dynamo("2.5.1", "issues/a", "convert_error", "0.2.7"),
                               torch("2.4.1", "issues/c", "pass"),
                               torch("2.5.1", "issues/c", "convert_error", signature="E")])
    site.build(reports, tmp_path / "out", online=False)
    page = (tmp_path / "out" / "findings.html").read_text()
    assert "1 outcome changes are set apart and not counted, per package that moved with them:\nonnxscript 1." in page
    assert "<td>1 (onnxscript 1)</td>" in page
    df = analysis.load(reports)
    scan = transitions.scan(df)
    result = findings.compute(findings.rows.latest(df), [t.to_dict() for t in scan.transitions],
                              apart=[n.to_dict() for n in scan.not_comparable])
    rendered = markdown.render(result)
    assert "per package that moved with them: onnxscript 1." in rendered and "| 1 (onnxscript 1) |" in rendered


def test_the_page_names_the_release_steps_no_two_cells_compare(tmp_path: Path) -> None:
    reports = write(tmp_path, [tf("2.19.1", "1.17.0", "models/m", "pass"),
                               tf("2.20.0", "1.17.0", "models/m", "pass", onnx="1.17.0")])
    site.build(reports, tmp_path / "out", online=False)
    page = (tmp_path / "out" / "findings.html").read_text()
    assert "2 step(s) between adjacent versions are compared by no two cells" in page
    assert "tf2onnx tensorflow 2.19.1 -&gt; 2.20.0 (with onnx 1.14.1 -&gt; 1.17.0)" in page
