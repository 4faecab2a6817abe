"""Regressions and fixes per release pair: the classifier's counts, and blame read tolerantly from the failing
side's record (the newer record of a regression, the older of a fix)."""

from __future__ import annotations

from pathlib import Path

from convtrack import analysis, transitions
from convtrack.findings import pairs, rows
from convtrack.findings.pairs import blame_of
from findings_records import load, torch, write


def test_blame_is_read_tolerantly() -> None:
    assert blame_of({"blame": {"verdict": "runtime", "reason": "ORT 1.21 Resize"}}) == "runtime"
    assert blame_of({"blame": {"verdict": "model-spec"}}) == "model-spec"
    assert blame_of({"blame": {"verdict": "not-assessed", "reference": None}}) == pairs.NOT_ASSESSED
    assert blame_of({"blame": {"verdict": "cosmic rays"}}) == "cosmic rays"  # shown as it is, never dropped
    for record in ({}, {"blame": None}, {"blame": "converter"}, {"blame": {"verdict": ""}}, {"blame": {"verdict": 3}},
                   {"blame": {"reason": "no verdict"}}, None):
        assert blame_of(record) == pairs.NONE, record


def test_not_assessed_alone_shows_no_blame_column() -> None:
    p = pairs.Pair("torch.onnx", "torch", "2.6.0", "2.9.1", {}, "a", "b", regressions=2,
                   blame={pairs.NOT_ASSESSED: 1, pairs.NONE: 1})
    assert not pairs.blame_seen([p])
    p.blame["runtime"] = 1
    assert pairs.blame_seen([p])
    assert list(pairs.by_verdict([p])) == ["runtime", pairs.NOT_ASSESSED, pairs.NONE]


def _pairs(tmp_path: Path, blame: bool) -> list[pairs.Pair]:
    b = {"blame": {"verdict": "converter", "reason": "the exporter"}} if blame else {}
    r = {"blame": {"verdict": "runtime", "reason": "onnxruntime"}} if blame else {}
    records = [
        torch("2.6.0", "issues/a", "pass"), torch("2.9.1", "issues/a", "convert_error", signature="E: a", **b),
        torch("2.6.0", "issues/b", "run_error", signature="R", **r), torch("2.9.1", "issues/b", "pass"),
        torch("2.6.0", "issues/c", "convert_error", signature="E: c"), torch("2.9.1", "issues/c", "mismatch"),
        torch("2.6.0", "issues/d", "convert_error", signature="E: d"),
        torch("2.9.1", "issues/d", "invalid_model", signature="I"),
    ]
    latest, found = load(write(tmp_path, records))
    return pairs.per_pair(found, rows.newest(latest).rows)


def test_counts_per_pair_and_no_blame_column_without_blame(tmp_path: Path) -> None:
    found = _pairs(tmp_path, blame=False)
    assert len(found) == 1
    p = found[0]
    assert (p.axis, p.before, p.after, p.held) == ("torch", "2.6.0", "2.9.1", {"onnx": "1.17.0",
                                                                                "onnxruntime": "1.20.1"})
    assert (p.regressions, p.became_silent, p.fixes, p.changed, p.unconfirmed) == (2, 1, 1, 1, 3)
    # the one reader's verdicts (witness.recorded): a convert_error is the converter's by stage; a run_error or
    # mismatch recorded without blame is not-assessed
    assert p.blame == {"converter": 1, pairs.NOT_ASSESSED: 2}
    assert pairs.blame_seen(found)
    assert pairs.totals(found)["regressions"] == 2


def test_blame_comes_from_the_failing_side(tmp_path: Path) -> None:
    found = _pairs(tmp_path, blame=True)
    # a regresses (blamed on the newer record: converter), b is fixed (blamed on the older: runtime), c's mismatch
    # carries none: not assessed
    assert list(found[0].blame.items()) == [("converter", 1), ("runtime", 1), (pairs.NOT_ASSESSED, 1)]
    assert pairs.blame_seen(found)
    assert pairs.by_verdict(found) == {"converter": 1, "runtime": 1, pairs.NOT_ASSESSED: 1}


def test_changes_set_apart_are_counted_per_pair_and_per_package_that_moved(tmp_path: Path) -> None:
    def dynamo(version: str, case: str, outcome: str, onnxscript: str) -> dict[str, object]:
        r = torch(version, case, outcome, mode="dynamo", signature=None if outcome == "pass" else "E")
        r["versions"] = {**r["versions"], "onnxscript": onnxscript}
        return r

    records = [dynamo("2.4.1", "issues/a", "pass", "0.1.0"), dynamo("2.5.1", "issues/a", "convert_error", "0.2.7"),
               dynamo("2.4.1", "issues/b", "convert_error", "0.1.0"), dynamo("2.5.1", "issues/b", "pass", "0.2.7"),
               torch("2.4.1", "issues/c", "pass"), torch("2.5.1", "issues/c", "convert_error", signature="E")]
    df = analysis.load(write(tmp_path, records))
    scan = transitions.scan(df)
    found = pairs.per_pair([t.to_dict() for t in scan.transitions], rows.newest(rows.latest(df)).rows,
                           [n.to_dict() for n in scan.not_comparable])
    assert len(found) == 1  # the legacy regression and the two dynamo changes are one release pair
    p = found[0]
    assert (p.regressions, p.fixes, p.set_apart, p.set_apart_by) == (1, 0, 2, {"onnxscript": 2})
    assert pairs.totals(found)["set_apart"] == 2 and pairs.set_apart_by(found) == {"onnxscript": 2}
    assert {n.kind for n in scan.not_comparable} == {"regression", "fix"}
    assert {(n.before_cell, n.after_cell) for n in scan.not_comparable} == {(p.before_cell, p.after_cell)}


def test_blame_is_shown_with_the_second_witness_as_on_the_site() -> None:
    rec = {"converter": "torch.onnx", "cell": "torch2.8.0-ort1.20.1-onnx1.17.0", "case": "issues/x", "opset": 20,
           "mode": "dynamo", "outcome": "wrong_shape", "blame": {"verdict": "unknown", "reason": "r"}}
    key = ("torch.onnx", "torch2.8.0-ort1.20.1-onnx1.17.0", "issues/x", 20, "dynamo")
    assert blame_of(rec) == "unknown"
    assert blame_of(rec, {key: "onnxruntime 1.21.1: pass (the same model, replayed)"}) == "runtime"


def test_one_model_written_for_several_asked_opsets_counts_once(tmp_path: Path) -> None:
    records = []
    for opset in (11, 13, 15):  # the dynamo exporter wrote opset 18 for each: one model, asked three times
        records += [torch("2.6.0", "issues/a", "pass", opset=opset, mode="dynamo", produced_opset=18),
                    torch("2.7.1", "issues/a", "mismatch", opset=opset, mode="dynamo", produced_opset=18)]
    for opset in (11, 13):  # a release that wrote what was asked: two models
        records += [torch("2.6.0", "issues/b", "convert_error", opset=opset, mode="dynamo", signature="E"),
                    torch("2.7.1", "issues/b", "pass", opset=opset, mode="dynamo", produced_opset=opset)]
    latest, found = load(write(tmp_path, records))
    assert sorted((t["case"], t["opset"], tuple(t["written"])) for t in found) == [
        ("issues/a", 11, (18, 18)), ("issues/a", 13, (18, 18)), ("issues/a", 15, (18, 18)),
        ("issues/b", 11, (None, 11)), ("issues/b", 13, (None, 13))]
    t = pairs.totals(pairs.per_pair(found, rows.newest(latest).rows))
    assert (t["regressions"], t["distinct_regression"], t["fixes"], t["distinct_fix"]) == (3, 1, 2, 2)
