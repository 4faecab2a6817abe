"""The replay track's transitions: only along onnxruntime, only within one artefact, blamed on the runtime."""

from __future__ import annotations

from typing import Any

from convtrack import replay, replay_track, store
from convtrack.outcomes import Outcome

SOURCE = {"torch": "2.15.0", "onnxruntime": "1.20.1", "onnx": "1.17.0"}


def rec(ort: str, outcome: str, artefact: str = "a" * 64, case: str = "issues/x", source: dict | None = None,
        run: str = "r1", signature: str | None = None) -> dict[str, Any]:
    src = source or SOURCE
    r = store.Record(run_id=run, converter="torch.onnx", framework="torch", cell=replay.cell_id(src, ort),
                     axes=replay.replay_axes(src, ort), case=case, case_kind="issue", case_hash="h", opset=18,
                     mode="legacy", versions={"onnxruntime": ort}, outcome=Outcome(outcome), artefact=artefact,
                     signature=signature, replay={"source_cell": store.cell_id(src), "onnxruntime": ort},
                     created=f"2026-11-30T00:00:0{run[-1]}Z")
    data = r.to_dict()
    data["outcome"] = Outcome(outcome)
    return data


def test_a_runtime_fix_and_regression_along_onnxruntime_are_blamed_on_the_runtime() -> None:
    rows = [rec("1.20.1", "wrong_shape"), rec("1.21.0", "pass"), rec("1.23.2", "load_error", signature="E: x")]
    found = replay_track.transitions(rows)
    assert [(t["kind"], t["before_version"], t["after_version"]) for t in found] == [
        ("fix", "1.20.1", "1.21.0"), ("regression", "1.21.0", "1.23.2")]
    assert {t["blame"] for t in found} == {"runtime"} and {t["axis"] for t in found} == {"onnxruntime"}
    assert found[0]["fixed"] == {"torch": "2.15.0", "onnx": "1.17.0"}
    assert replay_track.counts(found) == {"1.21.0": {"regression": 0, "fix": 1, "changed": 0},
                                          "1.23.2": {"regression": 1, "fix": 0, "changed": 0}}


def test_two_artefacts_are_never_compared_with_each_other() -> None:
    # the same case converted by two torch releases: each model is its own line along onnxruntime
    other = {**SOURCE, "torch": "2.14.1"}
    rows = [rec("1.20.1", "wrong_shape"), rec("1.21.0", "wrong_shape"),
            rec("1.20.1", "pass", artefact="b" * 64, source=other), rec("1.21.0", "pass", artefact="b" * 64,
                                                                        source=other)]
    assert replay_track.transitions(rows) == []


def test_harness_outcomes_are_never_a_side_and_repeats_confirm_or_flake() -> None:
    rows = [rec("1.20.1", "wrong_shape"), rec("1.21.0", "env_error"), rec("1.23.2", "pass")]
    (t,) = replay_track.transitions(rows)
    assert (t["before_version"], t["after_version"], t["confirmed"]) == ("1.20.1", "1.23.2", False)
    repeated = [*rows, rec("1.20.1", "wrong_shape", run="r2"), rec("1.23.2", "pass", run="r2")]
    assert replay_track.transitions(repeated)[0]["confirmed"] is True
    flaky = [*rows, rec("1.23.2", "wrong_shape", run="r2"), rec("1.23.2", "pass", run="r3")]
    assert replay_track.transitions(flaky)[0]["flaky"] is True


def test_the_table_counts_the_newest_replay_of_each_artefact() -> None:
    rows = [rec("1.20.1", "wrong_shape"), rec("1.20.1", "pass", run="r2"), rec("1.21.0", "pass")]
    table = replay_track.table(rows)
    assert [(t["onnxruntime"], t["outcomes"], t["source_cell"]) for t in table] == [
        ("1.20.1", {"pass": 1}, "torch2.15.0-ort1.20.1-onnx1.17.0"),
        ("1.21.0", {"pass": 1}, "torch2.15.0-ort1.20.1-onnx1.17.0")]


def test_a_release_that_cannot_read_the_models_ir_version_makes_no_transition() -> None:
    ir = ("Fail: [ONNXRuntimeError] : N : FAIL : Load model from <path> failed:Unsupported model IR version: N, max "
          "supported IR version: N")
    rows = [rec("1.17.3", "load_error", signature=ir), rec("1.18.1", "mismatch"), rec("1.19.2", "pass")]
    apart: list[dict] = []
    found = replay_track.transitions(rows, apart)
    # the mismatch that shows once a release can read the model is no "became silent" regression, and 1.17 -> 1.18
    # is no fix; the runtime's own change after it counts
    assert [(t["kind"], t["before_version"]) for t in found] == [("fix", "1.18.1")]
    assert [(t["kind"], t["set_apart"], t["before_version"]) for t in apart] == [("regression", "IR version", "1.17.3")]
    assert replay_track.transitions(rows) == found  # without a list, set apart all the same
    other = [rec("1.17.3", "load_error", signature="Fail: ... TopK K input must be"), rec("1.18.1", "pass")]
    assert [t["kind"] for t in replay_track.transitions(other)] == ["fix"]  # another load error stays a change


def test_a_release_that_predates_the_models_opset_makes_no_transition() -> None:
    # an opset-23 model (torch >= 2.8's dynamo exporter at its newest) on onnxruntime 1.20.1, as recorded
    opset = ("Fail: [ONNXRuntimeError] : N : FAIL : Load model from <path> failed:<path>:N void "
             "onnxruntime::model_load_utils::ValidateOpsetForDomain(const std::unordered_map<std::_cxx1N::basic_")
    rows = [rec("1.20.1", "load_error", signature=opset), rec("1.23.2", "pass")]
    apart: list[dict] = []
    assert replay_track.transitions(rows, apart) == []
    assert [(t["kind"], t["set_apart"]) for t in apart] == [("fix", "opset")]


def _asked(opset: int, produced: int, artefact: str) -> list[dict[str, Any]]:
    rows = [rec("1.20.1", "pass", artefact=artefact), rec("1.21.0", "run_error", artefact=artefact, signature="E: y")]
    for r in rows:
        r.update(opset=opset, produced_opset=produced, mode="dynamo")
    return rows


def test_one_model_written_for_several_asked_opsets_counts_once_as_distinct() -> None:
    # the dynamo exporter asked for 11 and 15 writes the same opset-18 model: two artefacts, one model
    found = replay_track.transitions(_asked(11, 18, "a" * 64) + _asked(15, 18, "b" * 64) + _asked(17, 17, "c" * 64))
    assert [t["kind"] for t in found] == ["regression"] * 3
    assert {t["model"] for t in found} == {"torch2.15.0-ort1.20.1-onnx1.17.0|issues/x|dynamo|18",
                                           "torch2.15.0-ort1.20.1-onnx1.17.0|issues/x|dynamo|17"}
    assert replay_track.distinct(found) == {"regression": 2, "fix": 0, "changed": 0}


def test_replays_that_name_their_models_bytes_count_once_per_digest() -> None:
    # two torch releases wrote the same bytes (one model), a third other bytes; the newer replays of the first
    # artefact carry the digest and its older ones do not: the artefact's key is its digest all the same
    same, other = "d" * 64, "e" * 64
    rows = _asked(11, 18, "a" * 64) + _asked(15, 18, "b" * 64) + _asked(17, 17, "c" * 64)
    for r in rows[1:]:
        r["replay"]["model"] = other if r["artefact"] == "c" * 64 else same
    found = replay_track.transitions(rows)
    assert {t["artefact"][0]: t["model"] for t in found} == {"a": f"sha256:{same}", "b": f"sha256:{same}",
                                                             "c": f"sha256:{other}"}
    assert replay_track.distinct(found) == {"regression": 2, "fix": 0, "changed": 0}
    assert replay_track.model_key(rows[0]).endswith("|issues/x|dynamo|18")  # a replay without the digest
