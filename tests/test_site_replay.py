"""The replay page: the runtime's transitions along onnxruntime, apart from the converter track's pages."""

from __future__ import annotations

import json
from pathlib import Path

from convtrack import replay, site, store
from test_replay_track import rec


def test_the_replay_page_lists_the_runtime_fix_and_the_data_file(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    for r in (rec("1.20.1", "wrong_shape"), rec("1.21.0", "pass")):
        store.write_all(replay.records_root(reports) / r["converter"] / r["cell"] / "r1.jsonl", [r])
    out = tmp_path / "site"
    site.build(reports, out, suites=None, online=False)
    html = (out / "replay.html").read_text()
    assert "issues/x" in html and "1.20.1 &rarr; 1.21.0" in html and "runtime" in html
    assert "torch2.15.0-ort1.20.1-onnx1.17.0" in html
    assert 'href="./replay.html"' in (out / "index.html").read_text()  # in the navigation
    data = json.loads((out / "data" / "replay.json").read_text())
    assert [t["kind"] for t in data["transitions"]] == ["fix"] and data["counts"]["1.21.0"]["fix"] == 1
    assert "issues/x" not in (out / "regressions.html").read_text()  # never a converter transition


def test_without_replay_records_the_page_says_how_to_make_them(tmp_path: Path) -> None:
    out = tmp_path / "site"
    site.build(tmp_path / "none", out, suites=None, online=False)
    assert "convtrack run --keep-models" in (out / "replay.html").read_text()
