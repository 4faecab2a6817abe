"""Downloads and regressions grouping over synthetic records: records.json.gz, transitions.json, CSV, badges."""

from __future__ import annotations

import csv
import gzip
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from convtrack.site import downloads, grouping
from test_site import EVIL, build_site


def test_downloads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = build_site(tmp_path, monkeypatch)
    recs = json.loads(gzip.decompress((out / "data" / "records.json.gz").read_bytes()))
    assert recs and set(recs[0]) == set(downloads.FIELDS)
    assert {r["converter"] for r in recs} == {"torch.onnx", "tf2onnx"}
    assert len(json.loads((out / "data" / "transitions.json").read_text())) == 2
    rows = list(csv.DictReader((out / "data" / "torch.onnx.csv").open()))
    assert rows and rows[0].keys() == set(downloads.CSV_FIELDS) and any(EVIL in r["signature"] for r in rows)
    svg = out / "data" / "badges" / "torch.onnx-torch-2.9.0-dynamo.svg"
    root = ET.parse(svg).getroot()
    assert root.get("aria-label") == "torch 2.9.0 dynamo: 25 % pass"  # lstm 1 of 2, evil 0 of 2
    page = (out / "data.html").read_text()
    assert 'href="./data/records.json.gz"' in page and "torch.onnx-torch-2.9.0-dynamo.svg" in page
    assert 'href="./data/records.json.gz"' in (out / "index.html").read_text()


def test_badge_escapes_its_text() -> None:
    svg = downloads.badge("a<b", "1 % pass", "hsl(0, 65%, 28%)")
    ET.fromstring(svg)
    assert "a&lt;b" in svg and 'fill="#761919"' in svg  # hex: renderers may not know hsl()


def test_modes_and_opsets_collapse_into_one_row() -> None:
    ts = [{"mode": m, "opset": o} for m, o in (("legacy", 18), ("legacy", 13), ("dynamo", 18), ("legacy", 20))]
    assert grouping.modes_text(ts) == "dynamo @18 · legacy @13 18 20"
    assert grouping.modes_text([{"mode": None, "opset": 13}]) == "@13"


def test_regressions_grouped_by_release_pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    html = (build_site(tmp_path, monkeypatch) / "regressions.html").read_text()
    assert html.count('<details class="pair"') == 1 and html.count('<tr class="trow') == 1
    assert "dynamo @17 18" in html and "pass → convert_error" in html
    assert "https://github.com/pytorch/pytorch/compare/v2.8.0...v2.9.0" in html
    assert 'type="search"' in html and 'data-attr="tkind"' in html


def test_cell_pages_show_runs_and_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from convtrack import site, store
    from test_site import make_reports, make_suites

    reports = make_reports(tmp_path)
    cell = "torch2.9.0-ort1.20.1-onnx1.17.0"
    env = store.run_file(reports, "torch.onnx", cell, "20261125T000000-aaaaaa").with_suffix(".env.json")
    env.write_text(json.dumps({"cell": {}, "run_id": "20261125T000000-aaaaaa",
                               "freeze": ["torch==2.9.0", f"evil=={EVIL}"]}))
    out = tmp_path / "out"
    site.build(reports, out, suites=make_suites(tmp_path), online=False)
    page = (out / "cells" / f"torch.onnx-{cell}.html").read_text()
    assert "20261125T000000-aaaaaa" in page and "torch==2.9.0" in page and EVIL not in page
    assert f'href="./cells/torch.onnx-{cell}.html"' in (out / "index.html").read_text()
    assert f'href="./cells/torch.onnx-{cell}.html"' in (out / "health.html").read_text()


def test_the_tag_filter_lists_the_most_used_tags() -> None:
    from convtrack.site import matrix

    few = [{"tags": ["b", "a"]}, {"tags": ["a"]}]
    assert matrix.common_tags(few) == ["a", "b"]
    many = [{"tags": [f"t{i:02}", "common"]} for i in range(40)] + [{"tags": ["t39"]}]
    listed = matrix.common_tags(many)
    assert len(listed) == matrix.TAG_LIST_MAX and "common" in listed and "t39" in listed
