"""The one classifier: every kind (regression, became silent, fix, changed), harness outcomes excluded,
signatures compared after normalisation, partial runs never a baseline, and the kinds in `changes`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from convtrack import analysis, cli, store, transitions
from convtrack.outcomes import HARNESS_OUTCOMES, Outcome, normalise_signature, signature, signature_key
from convtrack.transitions import State, TransitionKind, became_silent, classify, probe_cells, same_failure
from test_transitions import rec

REGRESSION, FIX, CHANGED = TransitionKind.REGRESSION, TransitionKind.FIX, TransitionKind.CHANGED
LOUD = [o for o in Outcome if o.is_failure and not o.is_silent]
SILENT = [Outcome.MISMATCH, Outcome.WRONG_SHAPE]


def s(outcome: Outcome, sig: str | None = None) -> State:
    return State(outcome, sig)


@pytest.mark.parametrize("failure", [*LOUD, *SILENT])
def test_pass_to_any_failure_is_a_regression_and_back_is_a_fix(failure: Outcome) -> None:
    assert classify(s(Outcome.PASS), s(failure, "E: x")) is REGRESSION
    assert classify(s(failure, "E: x"), s(Outcome.PASS)) is FIX
    assert not became_silent(s(Outcome.PASS), s(failure))  # a pass that fails silently is a plain regression


@pytest.mark.parametrize("loud", LOUD)
@pytest.mark.parametrize("silent", SILENT)
def test_a_loud_failure_that_becomes_silent_is_a_regression_never_a_fix(loud: Outcome, silent: Outcome) -> None:
    before, after = s(loud, "E: boom"), s(silent)
    assert classify(before, after) is REGRESSION and became_silent(before, after)
    # the reverse (a wrong answer that starts raising) is a change, neither
    assert classify(after, before) is CHANGED and not became_silent(after, before)


def test_a_failure_that_becomes_another_failure_is_changed() -> None:
    assert classify(s(Outcome.INVALID_MODEL, "S"), s(Outcome.CONVERT_ERROR, "E")) is CHANGED  # another stage
    assert classify(s(Outcome.RUN_ERROR, "R"), s(Outcome.LOAD_ERROR, "R")) is CHANGED
    assert classify(s(Outcome.CONVERT_ERROR, "E: a"), s(Outcome.CONVERT_ERROR, "E: b")) is CHANGED  # signature
    assert classify(s(Outcome.MISMATCH), s(Outcome.WRONG_SHAPE)) is CHANGED  # silent -> silent
    assert classify(s(Outcome.PASS), s(Outcome.PASS)) is None
    assert classify(s(Outcome.CONVERT_ERROR, "E: a"), s(Outcome.CONVERT_ERROR, "E: a")) is None


@pytest.mark.parametrize("harness", sorted(HARNESS_OUTCOMES))
def test_harness_outcomes_are_never_part_of_a_transition(harness: Outcome) -> None:
    for other in Outcome:
        assert classify(s(harness, "x"), s(other, "y")) is None
        assert classify(s(other, "y"), s(harness, "x")) is None


@pytest.mark.parametrize("a, b", [
    ("InferenceError: (op_type:LSTM, node name: node_LSTM_3): rank differs",
     "InferenceError: (op_type:LSTM, node name: node_lstm__3): rank differs"),
    ("KeyError: 'keras_tensor_59'", "KeyError: 'keras_tensor_N'"),  # stored by an older normaliser
    ("ValueError: bad input to /Where_1", "ValueError: bad input to /Where"),
    ("TypeError: val_12 has no dtype", "TypeError: val_7 has no dtype"),
    ("AttributeError: in _native_batch_norm_legit_no_training_7", "AttributeError: in "
     "_native_batch_norm_legit_no_training"),
    ("RuntimeError: tensor at 0x7f3a12 in /tmp/a/b.py", "RuntimeError: tensor at 0x55aa in /home/x/y/z.py"),
    ("OnnxExporterError <- GuardOnDataDependentSymNode: Eq(u0, 1)",  # the exporter renamed its wrapper
     "TorchExportError <- GuardOnDataDependentSymNode: Eq(u0, 1)"),
    ("NotImplemented: LeakyRelu(6) node with name 'node_LeakyRelu_2'",
     "NotImplemented: LeakyRelu(6) node with name 'node_leaky_relu'"),
])
def test_signatures_that_differ_only_in_numbers_or_generated_names_are_the_same_failure(a: str, b: str) -> None:
    assert signature_key(a) == signature_key(b)
    assert classify(s(Outcome.CONVERT_ERROR, a), s(Outcome.CONVERT_ERROR, b)) is None


def test_the_normaliser_is_idempotent_and_keeps_real_names() -> None:
    once = normalise_signature("KeyError: 'keras_tensor_59' in Conv2d at /a/b/c.py:12")
    assert normalise_signature(once) == once
    assert "Conv2d" in once and "keras_tensor'" in once
    assert signature("KeyError", "'keras_tensor_59'\nsecond line") == "KeyError: 'keras_tensor'"
    assert not same_failure("E: aten::tril unsupported", "E: aten::triu unsupported")


def test_a_signature_cut_at_the_limit_matches_its_longer_form() -> None:
    words = "word " * 60
    old, new = f"E: keras_tensor_59 {words}"[:200], f"E: keras_tensor {words}"[:200]  # cut at different places
    assert old != new and same_failure(old, new)
    assert not same_failure("E: short one", "E: short two")


def test_scan_labels_loud_to_silent_and_lists_changed_apart() -> None:
    found = transitions.scan(analysis.frame([
        rec("2.1.2", "convert_error", signature="E: boom"), rec("2.4.1", "mismatch"),
        rec("2.1.2", "invalid_model", signature="S", case="issues/y"), rec("2.4.1", "wrong_shape", case="issues/y"),
        rec("2.1.2", "invalid_model", signature="S", case="issues/z"),
        rec("2.4.1", "convert_error", signature="E", case="issues/z"),
    ])).transitions
    assert [(t.case, t.kind, t.became_silent) for t in found] == [
        ("issues/x", REGRESSION, True), ("issues/y", REGRESSION, True), ("issues/z", CHANGED, False)]
    assert found[0].to_dict()["kind"] == "regression" and found[0].to_dict()["after_outcome"] == "mismatch"


def test_a_partial_run_is_a_probe_and_never_a_baseline() -> None:
    cases = [f"issues/c{i}" for i in range(4)]
    records = [rec(v, "pass", case=c) for v in ("2.1.2", "2.4.1") for c in cases]
    records.append(rec("2.3.1", "convert_error", signature="E", case="issues/c0"))  # a one-case bisect probe
    records.append(rec("2.4.1", "convert_error", signature="E", case="issues/c1", run="r2"))
    assert probe_cells(records) == {("torch.onnx", "torch2.3.1-ort1.20.1-onnx1.17.0")}
    found = transitions.scan(analysis.frame(records)).transitions
    assert [(t.case, t.before_version, t.after_version) for t in found] == [("issues/c1", "2.1.2", "2.4.1")]
    # a cell that ran the whole suite into harness outcomes is a failed run, not a probe
    env = [rec("2.6.0", "env_error", case=c) for c in cases]
    assert probe_cells(records + env) == {("torch.onnx", "torch2.3.1-ort1.20.1-onnx1.17.0")}


def test_changes_prints_kinds_and_json_carries_became_silent(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    store.write_all(tmp_path / "records" / "torch.onnx" / "c" / "r1.jsonl", [
        rec("2.1.2", "run_error", signature="R: x"), rec("2.6.0", "mismatch"),
        rec("2.1.2", "convert_error", signature="E: a", case="issues/y"),
        rec("2.6.0", "convert_error", signature="E: b", case="issues/y")])
    assert cli.main(["--reports", str(tmp_path), "changes", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)["transitions"]
    assert [(t["case"], t["kind"], t["became_silent"]) for t in data] == [
        ("issues/x", "regression", True), ("issues/y", "changed", False)]
    assert cli.main(["--reports", str(tmp_path), "changes"]) == 0
    out = capsys.readouterr().out
    head, _, tail = out.partition("changed failures (1")
    assert "regression (became silent)" in head and "issues/y" not in head and "issues/y" in tail
    assert cli.main(["--reports", str(tmp_path), "changes", "--json", "--kind", "changed"]) == 0
    assert [t["case"] for t in json.loads(capsys.readouterr().out)["transitions"]] == ["issues/y"]
