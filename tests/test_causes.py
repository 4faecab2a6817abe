"""Regressions and fixes grouped by cause: one normalised failing signature per release pair, kind and mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from convtrack import causes, cli, records_index, transitions
from convtrack.findings import pairs, rows
from convtrack.transitions import TransitionKind
from findings_records import load, torch, write

# one upstream change (an operator dropped from the dynamo registry) that breaks three cases at two opsets, and
# an unrelated failure: two causes behind seven regressions
DROPPED = "ConversionError <- DispatchError: No ONNX function found for <OpOverload(op='aten.convolution')>"


def _records() -> list[dict[str, object]]:
    out = []
    for case in ("models/a", "models/b", "issues/c"):
        for opset in (17, 18):
            out += [torch("2.7.1", case, "pass", opset=opset, mode="dynamo"),
                    torch("2.8.0", case, "convert_error", opset=opset, mode="dynamo", signature=DROPPED)]
    out += [torch("2.7.1", "issues/d", "pass", mode="dynamo"),
            torch("2.8.0", "issues/d", "run_error", mode="dynamo", signature="RuntimeException: bad Gather index 7"),
            # a fix of a silent failure: no error text, its outcome stands in
            torch("2.7.1", "issues/e", "mismatch", mode="dynamo"), torch("2.8.0", "issues/e", "pass", mode="dynamo"),
            # a changed failure is no cause unless asked for
            torch("2.7.1", "issues/f", "run_error", mode="dynamo", signature="RuntimeException: X"),
            torch("2.8.0", "issues/f", "load_error", mode="dynamo", signature="Fail: Y")]
    return out


def _scan(tmp_path: Path) -> list[transitions.Transition]:
    return transitions.scan(records_index.slim(write(tmp_path, _records()))).transitions


def test_one_upstream_change_is_one_cause(tmp_path: Path) -> None:
    found = _scan(tmp_path)
    assert sum(t.kind is TransitionKind.REGRESSION for t in found) == 7
    grouped = causes.group(found)
    assert [(c.kind, c.transitions, len(c.cases)) for c in grouped] == [
        ("regression", 6, 3), ("fix", 1, 1), ("regression", 1, 1)]
    top = grouped[0]
    assert top.opsets == {17, 18} and top.signature == DROPPED and top.step == "torch 2.7.1 -> 2.8.0"
    assert grouped[1].key[6] == "(mismatch)"  # the fix's failing side is the before: a silent failure
    assert "aten.convolution" in causes.table(grouped).splitlines()[1]
    assert len(causes.group(found, tuple(TransitionKind))) == 4  # the changed failure, when asked for


def test_a_reworded_number_is_the_same_cause(tmp_path: Path) -> None:
    """Signatures are compared normalised (outcomes.signature_key): a number in the message does not split."""
    a = causes.key_of({"kind": "regression", "converter": "c", "axis": "torch", "before_version": "1",
                       "after_version": "2", "mode": "dynamo", "before_outcome": "pass", "after_outcome": "run_error",
                       "before_signature": None, "after_signature": "RuntimeException: bad Gather index 7"})
    b = causes.key_of({"kind": "regression", "converter": "c", "axis": "torch", "before_version": "1",
                       "after_version": "2", "mode": "dynamo", "before_outcome": "pass", "after_outcome": "run_error",
                       "before_signature": None, "after_signature": "RuntimeException: bad Gather index 12"})
    assert a == b


def test_findings_pairs_count_causes(tmp_path: Path) -> None:
    latest, found = load(write(tmp_path, _records()))
    (pair,) = pairs.per_pair(found, rows.newest(latest).rows)
    assert (pair.regressions, pair.fixes, pair.causes) == (7, 1, 3)
    assert pairs.totals([pair])["causes"] == 3


def test_changes_by_cause_lists_what_the_scan_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reports = write(tmp_path, _records())
    assert cli.main(["--reports", str(reports), "changes", "--by-cause", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [(c["kind"], c["transitions"], c["cases"]) for c in printed][:1] == [
        ("regression", 6, ["issues/c", "models/a", "models/b"])]
    assert cli.main(["--reports", str(reports), "changes", "--by-cause", "--kind", "fix"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2 and "(mismatch)" in lines[1]


def test_a_pass_at_another_opset_than_asked_is_no_baseline_for_a_regression(tmp_path: Path) -> None:
    """The scan sets apart a change between models of two opsets (confounds.opset_not_honoured): torch 2.7.1 wrote
    opset 18 when asked for 17 and passed, 2.8.0 failed at 17."""
    records = [torch("2.7.1", "models/a", "pass", mode="dynamo", produced_opset=18),
               torch("2.8.0", "models/a", "convert_error", mode="dynamo", signature=DROPPED),
               torch("2.7.1", "models/b", "pass", mode="dynamo", produced_opset=17),
               torch("2.8.0", "models/b", "convert_error", mode="dynamo", signature=DROPPED)]
    scan = transitions.scan(records_index.slim(write(tmp_path, records)))
    assert [(t.case, t.kind) for t in scan.transitions] == [("models/b", TransitionKind.REGRESSION)]
    (apart,) = [n for n in scan.not_comparable if n.stack]
    assert apart.case == "models/a" and apart.stack == {"produced opset": ["18", "none"]}
    assert "the opset the exporter wrote when asked for 17" in apart.why
