"""Transitions on the site: release dates (index or records), the timeline, per-release comparisons."""

from __future__ import annotations

from pathlib import Path

import pytest

from convtrack import analysis
from convtrack.site import changes as site_changes
from convtrack.site.common import latest_rows
from test_site import make_reports, transitions


def _rows(tmp_path: Path) -> list[dict]:
    return latest_rows(analysis.load(make_reports(tmp_path)))


def test_release_dates_prefer_the_index_and_fall_back_to_records(tmp_path: Path) -> None:
    rows = _rows(tmp_path)
    pairs = {("torch", "2.9.0"), ("torch", "2.8.0")}
    calls = []

    def lookup(packages: list[str], timeout: float) -> dict[tuple[str, str], str]:
        calls.append(packages)
        return {("torch", "2.9.0"): "2025-10-15T17:02:11.123456Z"}

    dates = site_changes.release_dates(rows, pairs, lookup=lookup)
    assert calls == [["torch"]]
    assert dates[("torch", "2.9.0")] == {"date": "2025-10-15T17:02:11Z", "source": "index"}
    assert dates[("torch", "2.8.0")]["source"] == "records"
    assert dates[("torch", "2.8.0")]["date"].startswith("2026-11-2")
    offline = site_changes.release_dates(rows, pairs, online=False, lookup=lookup)
    assert {d["source"] for d in offline.values()} == {"records"} and len(calls) == 1


def test_index_lookup_failure_is_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    from convtrack import index

    def broken(name: str) -> list:
        raise index.IndexError_("no network")

    monkeypatch.delenv("CONVTRACK_OFFLINE", raising=False)
    monkeypatch.setattr(index, "releases", broken)
    assert site_changes._index_dates(["torch"], timeout=5) == {}
    monkeypatch.setenv("CONVTRACK_OFFLINE", "1")
    assert site_changes._index_dates(["torch"], timeout=5) == {}


def test_timeline_links_and_ids(tmp_path: Path) -> None:
    rows = _rows(tmp_path)
    dates = {("torch", "2.9.0"): {"date": "2025-10-15T00:00:00Z", "source": "index"}}
    timeline = site_changes.timeline(transitions(), dates)
    assert [t["opset"] for t in timeline] == [18, 17] or [t["opset"] for t in timeline] == [17, 18]
    assert len({t["id"] for t in timeline}) == 2
    t = timeline[0]
    assert t["case_href"] == f"cases/issues--evil.html#r-torch2.9.0-ort1.20.1-onnx1.17.0-dynamo-{t['opset']}"
    assert t["release_href"] == "releases/torch.onnx-torch-2.9.0.html"
    assert rows  # the records behind it exist
    # a transition along an axis without release pages (onnxruntime) gets no link
    assert all(t["release_href"] is None for t in site_changes.timeline(transitions(), dates, set()))


def test_releases_compare_adjacent_versions_with_other_axes_fixed(tmp_path: Path) -> None:
    rows = _rows(tmp_path)
    found = site_changes.load_changes(analysis.load(make_reports(tmp_path))).transitions
    by = {(r["converter"], r["axis"], r["version"]): r for r in site_changes.releases(rows, found)}
    assert set(by) == {("torch.onnx", "torch", v) for v in ("2.8.0", "2.9.0", "2.10.0")} | {
        ("tf2onnx", "tensorflow", "2.12.1"), ("tf2onnx", "tf2onnx", "1.14.0"), ("tf2onnx", "tf2onnx", "1.16.1")}
    r29 = by[("torch.onnx", "torch", "2.9.0")]
    assert r29["previous"] == "2.8.0" and len(r29["new"]) == 2 and len(r29["unchanged"]) == 1
    assert (r29["passed"], r29["applicable"]) == (5, 8)
    r210 = by[("torch.onnx", "torch", "2.10.0")]
    assert r210["harness"] == 8 and not r210["new"] and not r210["fixed"]  # env_error is never a regression
    assert len(by[("tf2onnx", "tf2onnx", "1.16.1")]["fixed"]) == 1
    assert by[("tf2onnx", "tensorflow", "2.12.1")]["previous"] is None


def test_chart_leaves_out_releases_with_a_partial_run() -> None:
    def row(torch: str, case: str, outcome: str) -> dict:
        return {"converter": "torch.onnx", "framework": "torch", "cell": f"torch{torch}", "mode": "legacy",
                "case": case, "outcome": outcome, "versions": {"torch": torch}, "axes": {"torch": torch}}

    full = [row(v, f"c{i}", "pass" if i else "mismatch") for v in ("2.1.2", "2.6.0") for i in range(4)]
    probe = [row("2.2.1", "c0", "mismatch")]  # a bisect probe: one case, failing
    (chart,) = site_changes.chart_series(full + probe)
    assert chart["labels"] == ["2.1.2", "2.6.0"] and chart["omitted"] == ["2.2.1"]
    assert chart["series"] == [{"name": "legacy", "points": [0.75, 0.75]}]
