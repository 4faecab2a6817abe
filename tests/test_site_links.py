"""The crawler over the synthetic site: every local link and #anchor resolves, fixes' rows included."""

from __future__ import annotations

from pathlib import Path

import pytest

from convtrack import site
from crawl import broken_links
from test_site import build_site, make_reports, make_suites


def test_no_broken_link_or_anchor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert broken_links(build_site(tmp_path, monkeypatch)) == []


def test_fix_rows_link_to_an_existing_anchor(tmp_path: Path) -> None:
    out = tmp_path / "out"
    site.build(make_reports(tmp_path), out, suites=make_suites(tmp_path), online=False)  # the real classifier
    assert "Fixes (1)" in (out / "releases" / "tf2onnx-tf2onnx-1.16.1.html").read_text()
    assert broken_links(out) == []


def test_crawler_finds_a_missing_anchor(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text('<a href="b.html#x">b</a><a href="#here">h</a><p id="here"></p>')
    (tmp_path / "b.html").write_text('<p id="y"></p><a href="c.html">c</a><a href="https://example.org/">e</a>')
    assert broken_links(tmp_path) == ["a.html -> b.html#x (no such anchor)", "b.html -> c.html"]
