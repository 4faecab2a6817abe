"""The second witness on the committed records: torch 2.15.0 with onnxruntime 1.20.1 and 1.23.2 both recorded, so
an outcome that changes with onnxruntime alone says whose failure it is, beside the blame the record carries."""

from __future__ import annotations

from pathlib import Path

import pytest

from convtrack import analysis, replay, replay_track, store, transitions, witness

REPORTS = Path(__file__).resolve().parents[1] / "reports"
OLD = "torch2.15.0-ort1.20.1-onnx1.17.0"
NEW = "torch2.15.0-ort1.23.2-onnx1.17.0"


@pytest.fixture(scope="module")
def found() -> dict[witness.Key, str]:
    return witness.witnesses(transitions.find(analysis.load(REPORTS)))


def test_avgpool_ceil_mode_fixed_by_onnxruntime_1_23_2_is_witnessed_as_runtime(found: dict) -> None:
    key = ("torch.onnx", OLD, "issues/pytorch_131272", 17, "legacy")
    assert found[key] == "onnxruntime 1.23.2: pass (torch 2.15.0 held)"
    rec = {"converter": "torch.onnx", "cell": OLD, "case": "issues/pytorch_131272", "opset": 17, "mode": "legacy",
           "outcome": "wrong_shape", "blame": {"verdict": "unknown", "reason": "the reference evaluator disagrees "
                                                                                 "with both", "reference": None}}
    shown = witness.shown(rec, found)
    assert shown is not None and shown.verdict == "runtime" and shown.recorded == "unknown"
    assert shown.source == "witness" and "1.23.2: pass" in shown.reason


def test_only_onnxruntime_changes_count_and_both_sides_can_fail(found: dict) -> None:
    # only cells that differ from another in onnxruntime alone are witnessed (torch 2.15.0 on 1.20.1 and 1.23.2,
    # torch 1.11.0 on 1.19.2 and 1.20.1, and the interpreter bridges on 1.18.1 beside a cell on the same Python:
    # torch 1.10.2 with 1.19.2, 1.13.1 with 1.20.1; 2.0.1 and 1.11.0 on 1.18.1 have another Python than their
    # other cells, so their steps are set apart, not witnessed)
    assert {k[1] for k in found} >= {OLD, NEW}
    assert all("ort" in k[1] and k[1].split("-")[0] in ("torch2.15.0", "torch1.11.0", "torch1.10.2", "torch1.13.1")
               for k in found)
    assert not [k for k in found if k[1].startswith(("torch2.0.1-ort1.18.1", "torch1.11.0-ort1.18.1"))]
    # synthetic graphs that onnxruntime 1.23.2 rejects (1.20.1 runs them): the failing side is the newer one
    assert found[("torch.onnx", NEW, "synthetic/random_graphs/s0006-n34", 17, "legacy")].startswith(
        "onnxruntime 1.20.1: pass")
    # the int64 floor division fails the same way on both releases: no witness, the record's verdict stands
    assert ("torch.onnx", OLD, "issues/pytorch_78442", 17, "legacy") not in found


def test_recorded_verdicts_stay_the_records() -> None:
    key = ("torch.onnx", OLD, "issues/x", 17, "legacy")
    rec = {"converter": "torch.onnx", "cell": OLD, "case": "issues/x", "opset": 17, "mode": "legacy",
           "outcome": "mismatch", "blame": {"verdict": "converter", "reason": "r", "reference": None}}
    seen = {key: "onnxruntime 1.23.2: pass"}
    shown = witness.shown(rec, seen)
    assert shown is not None and shown.verdict == "converter" and "yet onnxruntime 1.23.2: pass" in shown.label
    runtime = witness.shown({**rec, "blame": {"verdict": "runtime", "reason": "r"}}, seen)
    assert runtime is not None and runtime.source == "record+witness"
    assert witness.shown({**rec, "outcome": "pass", "blame": None}, seen) is None
    assert witness.shown({**rec, "blame": None}, {}).verdict == store.NOT_ASSESSED  # type: ignore[union-attr]


def test_a_convert_error_or_invalid_model_is_the_converters_by_stage() -> None:
    rec = {"converter": "torch.onnx", "cell": OLD, "case": "issues/x", "opset": 17, "mode": "legacy", "blame": None}
    for outcome, says in (("convert_error", "exporter raised"), ("invalid_model", "onnx.checker")):
        shown = witness.shown({**rec, "outcome": outcome}, {})
        assert shown is not None and shown.verdict == "converter" and says in shown.reason
    for harness in ("harness_error", "build_error", "env_error", "timeout", "crash"):
        assert witness.shown({**rec, "outcome": harness}, {}) is None


def test_changes_and_the_site_show_the_same_blame(capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from convtrack import cli
    from convtrack.site import health as site_health
    from convtrack.site.common import latest_rows

    assert cli.main(["--reports", str(REPORTS), "changes", "--json", "--blame", "runtime"]) == 0
    listed = json.loads(capsys.readouterr().out)["transitions"]
    # a runtime verdict recorded by the cell can sit on a torch-axis change too (another export meets the same
    # onnxruntime bug); the witnessed ones are along onnxruntime
    assert listed and all(t["blame"]["verdict"] == "runtime" for t in listed)
    assert any(t["axis"] == "onnxruntime" for t in listed)
    assert {t["case"] for t in listed} >= {"issues/pytorch_131272", "synthetic/random_graphs/s0006-n34"}

    df = analysis.load(REPORTS)
    found = [t.to_dict() for t in transitions.find(df)]
    rows = latest_rows(df)
    witness.annotate(rows, found, replay_track.transitions(replay.load(REPORTS)))
    witness.annotate_transitions(found, rows)
    on_pages = {(t["case"], t["opset"], t["mode"], t["before_cell"]) for t in found if t["blame"] == "runtime"}
    assert on_pages == {(t["case"], t["opset"], t["mode"], t["before_cell"]) for t in listed}

    assert cli.main(["--reports", str(REPORTS), "changes", "--by-signature", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    page = site_health.signatures(rows)
    assert [(g["key"], g["count"], g["blame"]) for g in printed] == [(g["key"], g["count"], g["blame"]) for g in page]


def _replayed(version: str, outcome: str, source: str = OLD) -> dict:
    return {"converter": "torch.onnx", "case": "issues/pytorch_131272", "opset": 20, "mode": "dynamo",
            "cell": store.REPLAY_PREFIX + source.replace("ort1.20.1", f"ort{version}"), "outcome": outcome,
            "artefact": "ab" * 32, "axes": {**store.parse_cell(source), "onnxruntime": version},
            "replay": {"source_cell": source, "source_outcome": "wrong_shape"}, "versions": {}}


def test_the_replay_track_witnesses_a_failure_at_the_converting_cells_own_runtime() -> None:
    rows = [_replayed("1.19.2", "wrong_shape"), _replayed("1.20.1", "wrong_shape"), _replayed("1.21.1", "pass")]
    found = witness.from_replay(replay_track.transitions(rows))
    key = ("torch.onnx", OLD, "issues/pytorch_131272", 20, "dynamo")
    assert found == {key: "onnxruntime 1.21.1: pass (the same model, replayed)"}
    rec = {"converter": "torch.onnx", "cell": OLD, "case": "issues/pytorch_131272", "opset": 20, "mode": "dynamo",
           "outcome": "wrong_shape", "blame": {"verdict": "unknown", "reason": "r", "reference": None}}
    shown = witness.shown(rec, found)
    assert shown is not None and shown.verdict == "runtime" and shown.source == "witness"
    # a change between two other releases says nothing about the release the converting cell ran
    elsewhere = [_replayed("1.22.1", "wrong_shape"), _replayed("1.23.2", "pass")]
    assert witness.from_replay(replay_track.transitions(elsewhere)) == {}
