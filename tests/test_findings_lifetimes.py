"""The longest-lived open failures: open in the newest release, since the oldest release of the unbroken run of
failures, harness-only releases skipped, "open before" when nothing older was measured, dated spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from convtrack.findings import lifetimes, rows
from findings_records import load, tf, torch, write

VERSIONS = ("2.1.2", "2.4.1", "2.6.0", "2.9.1")


def _rows(tmp_path: Path, history: dict[str, list[str]]) -> list[rows.Row]:
    records = [torch(v, case, outcome, signature="E" if outcome.endswith("error") else None,
                     reason="rule" if outcome == "not_applicable" else None)
               for case, outcomes in history.items() for v, outcome in zip(VERSIONS, outcomes, strict=True)]
    latest, _ = load(write(tmp_path, records))
    return rows.newest(latest).rows


def test_open_failures_since_when(tmp_path: Path) -> None:
    found = {f.case: f for f in lifetimes.open_lines(_rows(tmp_path, {
        "issues/always": ["mismatch", "mismatch", "convert_error", "mismatch"],
        "issues/recent": ["pass", "pass", "run_error", "run_error"],
        "issues/gap": ["pass", "run_error", "not_applicable", "run_error"],  # a harness-only release is skipped
        "issues/fixed": ["run_error", "run_error", "run_error", "pass"],
        "issues/lost": ["run_error", "run_error", "run_error", "not_applicable"],  # not measured in the newest
    }))}
    assert set(found) == {"issues/always", "issues/recent", "issues/gap"}
    always, recent, gap = found["issues/always"], found["issues/recent"], found["issues/gap"]
    assert (always.since, always.newest, always.releases, always.open_before) == ("2.1.2", "2.9.1", 4, True)
    assert always.outcome == "mismatch"
    assert (recent.since, recent.releases, recent.open_before) == ("2.6.0", 2, False)
    assert (gap.since, gap.releases, gap.open_before) == ("2.4.1", 2, False)


def test_longest_ranks_by_releases_then_span_and_counts_ties(tmp_path: Path) -> None:
    history = {f"issues/c{i}": ["mismatch"] * 4 for i in range(12)}
    history["issues/short"] = ["pass", "pass", "pass", "run_error"]
    shown, total, tied = lifetimes.longest(_rows(tmp_path, history), {}, top=10)
    assert [f.case for f in shown] == [f"issues/c{i}" for i in (0, 1, 10, 11, 2, 3, 4, 5, 6, 7)]  # ties by id
    assert (total, tied) == (13, 12)


def test_spans_are_dated_from_the_release_dates(tmp_path: Path) -> None:
    found = lifetimes.open_lines(_rows(tmp_path, {"issues/a": ["mismatch"] * 4}))
    dated = lifetimes.dated(found[0], {("torch", "2.1.2"): "2023-12-14T18:31:00Z",
                                       ("torch", "2.9.1"): "2025-11-12T17:00:00.123Z"})
    assert (dated.since_date, dated.days) == ("2023-12-14T18:31:00Z", 699)
    assert lifetimes.dated(found[0], {}).days is None


def test_tf2onnx_lines_run_along_both_release_axes(tmp_path: Path) -> None:
    records = [tf(t, c, "models/k", outcome) for t, c, outcome in (
        ("2.15.1", "1.16.1", "pass"), ("2.17.1", "1.16.1", "invalid_model"),
        ("2.15.1", "1.17.0", "invalid_model"), ("2.17.1", "1.17.0", "invalid_model"))]
    latest, _ = load(write(tmp_path, records))
    found = lifetimes.open_lines(rows.newest(latest).rows)
    axes = {(f.axis, tuple(sorted(f.held.items()))[2], f.since, f.open_before) for f in found}
    assert axes == {("tensorflow", ("tf2onnx", "1.17.0"), "2.15.1", True),
                    ("tensorflow", ("tf2onnx", "1.16.1"), "2.17.1", False),
                    ("tf2onnx", ("tensorflow", "2.17.1"), "1.16.1", True),
                    ("tf2onnx", ("tensorflow", "2.15.1"), "1.17.0", False)}


def test_no_dates_when_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CONVTRACK_OFFLINE", "1")
    assert lifetimes.index_dates(["torch"]) == {}
