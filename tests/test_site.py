"""The site over synthetic records: every page type, escaping, relative links, the Atom feed, repro scripts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from conftest import write_case
from convtrack import site, store
from convtrack.site import changes as site_changes

EVIL = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
ATOM = "{http://www.w3.org/2005/Atom}"

CELLS = {
    "torch2.8.0-ort1.20.1-onnx1.17.0": {"torch": "2.8.0", "onnxruntime": "1.20.1", "onnx": "1.17.0"},
    "torch2.9.0-ort1.20.1-onnx1.17.0": {"torch": "2.9.0", "onnxruntime": "1.20.1", "onnx": "1.17.0"},
    "torch2.10.0-ort1.20.1-onnx1.17.0": {"torch": "2.10.0", "onnxruntime": "1.20.1", "onnx": "1.17.0"},
}
TF_CELLS = {
    "tf2.12.1-tf2onnx1.14.0-ort1.20.1": {"tensorflow": "2.12.1", "tf2onnx": "1.14.0", "onnxruntime": "1.20.1"},
    "tf2.12.1-tf2onnx1.16.1-ort1.20.1": {"tensorflow": "2.12.1", "tf2onnx": "1.16.1", "onnxruntime": "1.20.1"},
}


def _record(cell: str, versions: dict[str, str], case: str, kind: str, opset: int, mode: str | None,
            outcome: str, converter: str = "torch.onnx", **extra: Any) -> store.Record:
    framework = "tensorflow" if converter == "tf2onnx" else "torch"
    return store.Record(run_id="20261125T000000-aaaaaa", converter=converter, framework=framework, cell=cell,
                        case=case, case_kind=kind, case_hash="h", opset=opset, mode=mode,
                        versions={"python": "3.11.7", **versions}, outcome=outcome,
                        created=f"2026-11-2{len(cell) % 5}T10:00:00Z", **extra)


def make_reports(root: Path) -> Path:
    """Records: a regression (torch 2.8 -> 2.9) whose error is a script tag, an env_error cell, tf2onnx cells."""
    reports = root / "reports"
    for cell, versions in CELLS.items():
        recs = []
        for opset in (17, 18):
            for mode in ("legacy", "dynamo"):
                if cell.startswith("torch2.10"):
                    recs += [_record(cell, versions, c, k, opset, mode, "env_error", signature=f"ImportError: {EVIL}",
                                     error=f"ImportError: {EVIL}", reason="framework failed to import")
                             for c, k in (("models/lstm", "model"), ("issues/evil", "issue"))]
                    continue
                recs.append(_record(cell, versions, "models/lstm", "model", opset, mode,
                                    "mismatch" if mode == "dynamo" and opset == 18 else "pass",
                                    metrics={"max_abs": 0.5, "max_rel": 0.1, "mismatch_fraction": 0.25}))
                bad = cell.startswith("torch2.9") and mode == "dynamo"
                recs.append(_record(cell, versions, "issues/evil", "issue", opset, mode,
                                    "convert_error" if bad else "pass",
                                    signature=f"RuntimeError: {EVIL}" if bad else None,
                                    error=f"RuntimeError: {EVIL}" if bad else None))
        store.write_all(store.run_file(reports, "torch.onnx", cell, "20261125T000000-aaaaaa"), recs)
    for cell, versions in TF_CELLS.items():
        recs = [_record(cell, versions, "models/keras_mlp", "model", 13, None,
                        "pass" if "1.16" in cell else "convert_error", converter="tf2onnx",
                        signature=None if "1.16" in cell else "AttributeError: 'FuncGraph' object has no attribute N",
                        error=None if "1.16" in cell else "AttributeError: 'FuncGraph' object has no attribute '_c'")]
        store.write_all(store.run_file(reports, "tf2onnx", cell, "20261125T000000-aaaaaa"), recs)
    return reports


def make_suites(root: Path) -> Path:
    suites = root / "suites"
    write_case(suites, "issues/evil.py", 'CASE = {"converter": "torch.onnx", "issue": '
               '"https://github.com/pytorch/pytorch/issues/1", "description": "evil <b>description</b>", '
               '"tags": ["silent", "control"], "stated": {"broken": ">=2.9", "exporters": ["dynamo"]}, '
               '"observed": {"torch 2.9.0": "dynamo: convert_error <i>@18</i>", "agrees_with_issue": "yes"}}\n\n\n'
               'def build():\n    raise RuntimeError("evil")\n')
    write_case(suites, "models/lstm.py", 'CASE = {"converter": "torch.onnx", "tags": ["rnn"]}\n')
    return suites


def transitions() -> list[dict[str, Any]]:
    """What convtrack.transitions.find returns (as dicts) for make_reports' regression."""
    return [{"kind": "regression", "converter": "torch.onnx", "case": "issues/evil", "opset": opset,
             "mode": "dynamo", "axis": "torch", "before_version": "2.8.0", "after_version": "2.9.0",
             "before_outcome": "pass", "after_outcome": "convert_error", "before_signature": None,
             "after_signature": f"RuntimeError: {EVIL}", "before_cell": "torch2.8.0-ort1.20.1-onnx1.17.0",
             "after_cell": "torch2.9.0-ort1.20.1-onnx1.17.0", "fixed": {"onnx": "1.17.0", "onnxruntime": "1.20.1"},
             "confirmed": True, "flaky": False, "also_changed": {}, "became_silent": False} for opset in (17, 18)]


def build_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, base_url: str = "") -> Path:
    monkeypatch.setattr(site_changes, "load_changes", lambda df, meta=None: site_changes.Changes(transitions(), [], []))
    out = tmp_path / "out"
    site.build(make_reports(tmp_path), out, suites=make_suites(tmp_path), base_url=base_url, online=False)
    return out


def test_every_page_type_escapes_record_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = build_site(tmp_path, monkeypatch)
    pages = {
        "index": out / "index.html", "case": out / "cases" / "issues--evil.html",
        "regressions": out / "regressions.html", "release": out / "releases" / "torch.onnx-torch-2.9.0.html",
        "signatures": out / "signatures.html", "health": out / "health.html", "feed": out / "feed.xml",
    }
    for name, path in pages.items():
        text = path.read_text()
        assert EVIL not in text, name
        assert ESCAPED in text, name
    assert EVIL not in (out / "detail.html").read_text()
    assert EVIL not in (out / "detail" / "torch.onnx-torch2.9.0-ort1.20.1-onnx1.17.0.html").read_text()
    # a cell's detail texts sit in a script as JSON strings, shown with textContent: never parsed as HTML
    details = (out / "data" / "details" / "torch.onnx-torch2.9.0-ort1.20.1-onnx1.17.0.js").read_text()
    assert '"convert_error: RuntimeError: <script>alert(1)</script> \\u00b7 blame: converter' in details
    assert "evil &lt;b&gt;description&lt;/b&gt;" in pages["case"].read_text()
    assert "<li>torch 2.9.0: dynamo: convert_error &lt;i&gt;@18&lt;/i&gt;</li>" in pages["case"].read_text()


def test_links_are_relative_and_resolve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    out = build_site(tmp_path, monkeypatch)
    for page in out.rglob("*.html"):
        html = page.read_text()
        for href in re.findall(r'(?:href|src)="([^"]+)"', html):
            if href.startswith(("https://github.com/", "#")):
                continue
            assert not href.startswith(("/", "http:", "https:")), (page, href)
            target = (page.parent / href.split("#")[0]).resolve()
            assert target.exists(), (page, href)
    case = (out / "cases" / "issues--evil.html").read_text()
    assert 'href="../static/style.css"' in case


def test_index_squares_count_outcomes_and_pass_rate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    html = (build_site(tmp_path, monkeypatch) / "index.html").read_text()
    # torch 2.9 dynamo opset 18: lstm mismatch + evil convert_error -> 0 of 2 pass
    assert 'title="torch2.9.0-ort1.20.1-onnx1.17.0 / dynamo / opset 18: convert_error 1, mismatch 1"' in html
    assert '<span class="rate">2/2</span>' in html and '<span class="rate">0/2</span>' in html
    assert "tf2onnx 1.16.1" not in html and ">1.16.1<" in html  # tf2onnx version is its own column
    assert 'id="case-data"' in html and 'data-filter="tag"' in html and '<option value="silent">' in html
    assert "Harness failure in torch.onnx cell torch2.10.0-ort1.20.1-onnx1.17.0" in html
    assert "<svg" in html and "pass rate by torch release" in html


def test_case_page_and_repro_script(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ast

    out = build_site(tmp_path, monkeypatch)
    html = (out / "cases" / "issues--evil.html").read_text()
    assert "https://github.com/pytorch/pytorch/issues/1" in html and "agrees_with_issue: yes" in html
    assert 'id="r-torch2.9.0-ort1.20.1-onnx1.17.0-dynamo-18"' in html
    assert "torch2.9.0-ort1.20.1-onnx1.17.0/issues/evil@18/dynamo" in html  # the RECORD of repro and reduce
    scripts = sorted((out / "cases" / "repro").glob("issues--evil--*.py"))
    assert len(scripts) == 2  # the two convert_errors; the env_errors are the harness's: nothing to reproduce
    for script in scripts:
        assert f'href="repro/{script.name}"' in html
        text = script.read_text()
        assert "# /// script" in text and '"torch==2.9.0",' in text and '"onnxruntime==1.20.1",' in text
        assert not [n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.ImportFrom | ast.Import)
                    and "convtrack" in ast.unparse(n)]
    assert not (out / "cases" / "issues--evil.sh").exists()
    assert max(p.stat().st_size for p in out.rglob("*.html")) < 1_000_000


def test_release_page_compares_adjacent_versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = build_site(tmp_path, monkeypatch)
    html = (out / "releases" / "torch.onnx-torch-2.9.0.html").read_text()
    assert "vs 2.8.0" in html and "New failures (2)" in html and "Unchanged failures (1)" in html
    tf = (out / "releases" / "tf2onnx-tf2onnx-1.16.1.html").read_text()
    assert "vs 1.14.0" in tf and "Fixes (0)" in tf  # the page lists the given transitions, nothing of its own


def test_atom_feed_is_valid(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = build_site(tmp_path, monkeypatch, base_url="https://example.org/convtrack/")
    root = ET.parse(out / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for child in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{child}") is not None, child
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1  # one entry per release pair, not one per task
    for e in entries:
        for child in ("id", "title", "updated", "link", "summary"):
            assert e.find(f"{ATOM}{child}") is not None, child
        assert e.find(f"{ATOM}link").get("href", "").startswith("https://example.org/convtrack/regressions.html#p-")
        assert EVIL in (e.find(f"{ATOM}summary").text or "")  # escaped in XML, text once parsed
        assert "dynamo @17 18" in (e.find(f"{ATOM}summary").text or "")


def test_empty_reports(tmp_path: Path) -> None:
    index = site.build(tmp_path / "none", tmp_path / "out", suites=None, online=False)
    assert "0 records" in index.read_text()
    assert "No regressions or fixes" in (tmp_path / "out" / "regressions.html").read_text()
    ET.parse(tmp_path / "out" / "feed.xml")


def test_site_with_the_real_transitions(tmp_path: Path) -> None:
    out = tmp_path / "out"
    site.build(make_reports(tmp_path), out, suites=make_suites(tmp_path), online=False)
    html = (out / "regressions.html").read_text()
    assert "issues/evil" in html and "2.8.0 → 2.9.0" in html and EVIL not in html
    root = ET.parse(out / "feed.xml").getroot()
    kinds = [c.get("term") for c in root.iter(f"{ATOM}category")]
    assert "regression" in kinds and "fix" in kinds  # tf2onnx 1.14.0 -> 1.16.1 is a fix
    assert "Fixes (1)" in (out / "releases" / "tf2onnx-tf2onnx-1.16.1.html").read_text()


def test_square_results_write_runs_of_one_outcome_as_ranges() -> None:
    from convtrack.site.matrix import encode_results

    pairs = [(7, "m"), (3, "m"), (8, "m"), (9, "j"), (10, "m"), (11, "m"), (12, "m"), (20, "m")]
    assert encode_results(pairs) == "3m,7-8m,9j,10-12m,20m"
    assert encode_results([]) == ""


def test_a_square_names_the_opsets_written_instead_of_the_asked_one() -> None:
    from convtrack.site.matrix import written_instead

    results = [{"produced_opset": 18}, {"produced_opset": 18}, {"produced_opset": 13}, {"produced_opset": None}]
    assert written_instead(results, 13) == "opset 18 for 2 models"
    assert written_instead([{"produced_opset": 20}, {"produced_opset": 18.0}], 17) == (
        "opset 18 for 1 model, opset 20 for 1 model")  # a frame's float reads as the int
    assert written_instead(results[2:], 13) == ""
