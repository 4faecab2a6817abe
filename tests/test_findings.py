"""The findings over the committed records: every share row sums to 1, the per-case rule holds against a
recount from the records, the silent share per release counts what the shares count, and JSON round-trips."""

from __future__ import annotations

import functools
import json
import math
from collections import defaultdict
from pathlib import Path

import pytest

from convtrack import analysis, findings, suite, transitions
from convtrack.findings import rows

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"


@functools.cache
def committed() -> tuple[findings.Findings, list[rows.Row]]:
    if not any(REPORTS.glob("records/**/*.jsonl")):
        pytest.skip(reason="no committed records under reports/")
    df = analysis.load(REPORTS)
    found = [t.to_dict() for t in transitions.scan(df).transitions]
    latest = rows.latest(df)
    return findings.compute(latest, found, suite.discover(ROOT / "suites"), records=len(df)), rows.newest(latest).rows


def test_every_share_row_sums_to_one() -> None:
    result, _ = committed()
    assert result.shares
    for s in result.shares:
        if s.n:
            assert math.isclose(sum(s.shares.values()), 1.0), s
            assert sum(s.counts.values()) == s.n
        if s.failure_shares:
            assert math.isclose(sum(s.failure_shares.values()), 1.0), s


def test_a_case_is_wrong_model_exactly_when_one_of_its_tasks_is() -> None:
    result, newest = committed()
    silent: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in newest:
        if r["outcome"].is_silent:
            silent[(r["converter"], r["mode"])].add(r["case"])
    for s in result.shares:
        if s.unit == "case" and s.kind == "all":
            assert s.counts["wrong model"] == len(silent[(s.converter, s.mode)]), s


def test_tasks_and_harness_add_up_to_the_tasks_counted() -> None:
    result, newest = committed()
    total = sum(s.n + s.harness for s in result.shares if s.unit == "task" and s.kind == "all")
    assert total == result.source.tasks == len(newest)
    per_release = sum(r.silent for r in result.silent_by_release)
    assert per_release == sum(s.counts["wrong model"] for s in result.shares if s.unit == "task" and s.kind == "all")


def test_open_failures_are_failing_in_the_newest_release() -> None:
    result, _ = committed()
    assert 0 < len(result.open_failures) <= findings.TOP_OPEN <= result.open_total
    for f in result.open_failures:
        assert f.outcome not in ("pass", "not_applicable") and f.releases >= 1


def test_the_json_form_round_trips() -> None:
    result, _ = committed()
    data = json.loads(json.dumps(result.to_dict(), default=str))
    assert set(data) >= {"shares", "beside_paper", "silent_by_release", "pairs", "open_failures", "compatibility",
                         "issues"}
    assert data["source"]["tasks"] == result.source.tasks
