"""Over the committed records: every view counts changes with the one classifier, so for every adjacent pair of
releases the release page, the regressions page (timeline), `convtrack changes --json` and the gate agree."""

from __future__ import annotations

import functools
import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from convtrack import analysis, cli, gate, store, suite, transitions
from convtrack.site import changes as site_changes
from convtrack.site.common import latest_rows

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "reports"
KINDS = ("regression", "fix", "changed")
Pair = tuple[str, str, str]  # converter, before cell, after cell


@functools.cache
def records() -> list[dict[str, Any]]:
    return store.load(REPORTS)


@functools.cache
def requires() -> dict[tuple[str, str], tuple[str, ...]]:
    return suite.requires_by_source(suite.discover(ROOT / "suites"))


@functools.cache
def found() -> list[dict[str, Any]]:
    return [t.to_dict() for t in transitions.scan(analysis.frame(records()), requires()).transitions]


def _count(items: list[dict[str, Any]]) -> dict[Pair, Counter[str]]:
    out: dict[Pair, Counter[str]] = {}
    for t in items:
        out.setdefault((t["converter"], t["before_cell"], t["after_cell"]), Counter())[t["kind"]] += 1
    return out


@functools.cache
def _pages() -> list[dict[str, Any]]:
    return site_changes.releases(latest_rows(analysis.frame(records())), found())


def _gate(converter: str, before: str, after: str) -> Counter[str]:
    """The gate's kinds for two cells, from the newest record of each task (as `gate.run` sees a fresh run)."""
    def cell(name: str) -> list[dict[str, Any]]:
        return sorted((r for r in records() if r["converter"] == converter and r["cell"] == name),
                      key=lambda r: (r["created"], r["run_id"]))

    rows = gate.compare(cell(before), cell(after), [], "0", requires())
    # a change only a disagreeing repeat shows (newest records agree) is listed flaky; a fresh gate cannot see it
    flaky = {(t["case"], t["opset"], t["mode"] or "-") for t in found()
             if t["flaky"] and (t["before_cell"], t["after_cell"]) == (before, after)}
    return Counter(r.kind.value for r in rows if r.kind is not None and (r.case, r.opset, r.mode) not in flaky)


def test_release_pages_timeline_and_changes_count_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--reports", str(REPORTS), "changes", "--json"]) == 0
    from_changes = _count(json.loads(capsys.readouterr().out)["transitions"])
    from_timeline = _count(site_changes.timeline(found(), {}))
    assert from_changes == from_timeline == _count(found())
    pages = _pages()
    on_pages = _count([i for p in pages for k in ("new", "fixed", "changed") for i in p[k]])
    axes = {(p["converter"], p["axis"]) for p in pages}
    assert on_pages == _count([t for t in found() if (t["converter"], t["axis"]) in axes])
    assert on_pages, "no release page lists a change"


def test_the_gate_agrees_with_every_adjacent_pair_of_releases() -> None:
    pairs = 0
    by_pair = _count([t for t in found() if not t["flaky"]])
    for page in _pages():
        items = [i for k in ("new", "fixed", "changed", "unchanged") for i in page[k]]
        for converter, before, after in {(page["converter"], i["before_cell"], i["after_cell"]) for i in items
                                         if i["before_version"] == page["previous"]}:
            pairs += 1
            want = by_pair.get((converter, before, after), Counter())
            assert _gate(converter, before, after) == want, (before, after)
    assert pairs >= 10


def test_no_regression_is_a_failure_that_stays_loud_or_only_renames() -> None:
    from convtrack.outcomes import Outcome, signature_key

    for t in found():
        if t["kind"] != "regression":
            continue
        before, after = Outcome(t["before_outcome"]), Outcome(t["after_outcome"])
        assert before is Outcome.PASS or (t["became_silent"] and after.is_silent), t
    for t in found():
        if t["before_outcome"] == t["after_outcome"] and t["before_signature"] and t["after_signature"]:
            assert signature_key(t["before_signature"]) != signature_key(t["after_signature"]), t


def test_probes_are_no_baseline_torch_2_2_1_and_2_3_0_are_no_release_pages() -> None:
    # torch 2.2.1 and 2.3.0 hold only a bisect's probe records (a few cases); 2.2.2 and 2.3.1 were run whole
    pages = {(p["converter"], p["axis"], p["version"]): p for p in _pages()}
    assert not any(v in pages for v in (("torch.onnx", "torch", "2.3.0"), ("torch.onnx", "torch", "2.2.1")))
    probes = {"torch2.2.1-ort1.20.1-onnx1.17.0", "torch2.3.0-ort1.20.1-onnx1.17.0"}
    assert all(not {t["before_cell"], t["after_cell"]} & probes for t in found())
    assert pages[("torch.onnx", "torch", "2.2.2")]["previous"] == "2.1.2"


def test_findings_count_what_changes_lists(capsys: pytest.CaptureFixture[str]) -> None:
    """FINDINGS.md and the findings page count regressions, fixes and changed failures per release pair as
    `convtrack changes` lists them (the page is computed from the site's timeline, the file from the scan)."""
    from convtrack import findings

    assert cli.main(["--reports", str(REPORTS), "changes", "--json"]) == 0
    from_changes = _count(json.loads(capsys.readouterr().out)["transitions"])
    latest = latest_rows(analysis.frame(records()))  # the site's rows
    for given in (found(), site_changes.timeline(found(), {})):
        result = findings.compute(latest, given)
        counted = {(p.converter, p.before_cell, p.after_cell): Counter(regression=p.regressions, fix=p.fixes,
                                                                         changed=p.changed) for p in result.pairs}
        assert counted == from_changes
        assert result.pair_totals["regressions"] == sum(c["regression"] for c in from_changes.values())
