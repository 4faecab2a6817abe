"""The site built over the committed records: every link and anchor resolves, pages stay within their weight
budget, and no machine path reaches published text. One build (~15 s) shared by the module."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from convtrack import site
from crawl import broken_links

REPORTS = Path(__file__).resolve().parents[1] / "reports"
PAGE_BUDGET = 1_000_000  # bytes, any page
# index.html grows with the grid (issue 15 fills it): its budget is per filled square, plus one for the rest. On
# 2026-12-01: 373 filled squares, 577 B each on average and 990 B at most once a square's runs of one outcome are
# written as ranges (matrix.encode_results; 1.3 KB before), and 175 KB for the rest (the case list is 108 KB of it).
SQUARE_BUDGET = 1_200  # bytes, one filled square of the matrix
REST_BUDGET = 250_000  # bytes, index.html without its squares
MACHINE_PATH = re.compile(r"(?<![\w.<>~-])/(?:root|home|work|tmp|usr|opt|Users)/[\w.+-]")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not any(REPORTS.glob("records/**/*.jsonl")):
        pytest.skip(reason="no committed records under reports/: nothing to build the site from")
    out = tmp_path_factory.mktemp("site") / "out"
    site.build(REPORTS, out, suites=REPORTS.parent / "suites", online=False)
    return out


def test_every_link_and_anchor_resolves(built: Path) -> None:
    assert broken_links(built) == []


def test_every_axis_with_transitions_has_release_pages(built: Path) -> None:
    import json

    moved = {(t["converter"], t["axis"]) for t in json.loads((built / "data" / "transitions.json").read_text())}
    for converter, axis in moved:
        assert list((built / "releases").glob(f"{converter}-{axis}-*.html")), (converter, axis)


def test_page_weight_budgets(built: Path) -> None:
    sizes = {str(p.relative_to(built)): p.stat().st_size for p in built.rglob("*.html")}
    squares = re.findall(r'<td class="sq[" ].*?</td>', (built / "index.html").read_text(encoding="utf-8"))
    assert squares and max(len(sq) for sq in squares) < SQUARE_BUDGET
    assert sizes["index.html"] - sum(len(sq.encode()) for sq in squares) < REST_BUDGET
    assert {p: n for p, n in sizes.items() if n > PAGE_BUDGET} == {}


def test_no_machine_paths_in_published_text(built: Path) -> None:
    import gzip

    texts = {str(p.relative_to(built)): p.read_text(encoding="utf-8") for p in built.rglob("*")
             if p.is_file() and p.suffix in (".html", ".xml", ".js", ".json", ".csv", ".svg")}
    texts["data/records.json.gz"] = gzip.decompress((built / "data" / "records.json.gz").read_bytes()).decode()
    leaks = {name: MACHINE_PATH.findall(text)[:3] for name, text in texts.items() if MACHINE_PATH.search(text)}
    assert leaks == {}


def test_the_findings_page_is_built_and_linked_from_the_front_page(built: Path) -> None:
    page = (built / "findings.html").read_text(encoding="utf-8")
    assert "6. Where our observations differ from the issues" in page
    assert 'href="./findings.html"' in (built / "index.html").read_text(encoding="utf-8")
    assert (built / "findings.html").stat().st_size < PAGE_BUDGET
