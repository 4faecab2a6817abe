"""The blame verdict from its three witnesses (framework, reference evaluator, onnxruntime), on real arrays."""

from __future__ import annotations

import numpy as np

from convtrack.cell import blame as bl
from convtrack.cell import compare as cmp
from convtrack.outcomes import Outcome

FW = [np.array([-4, -4, -3, 2], dtype="int64")]  # torch's floor division
TRUNC = [np.array([-3, -3, -2, 2], dtype="int64")]  # the exported model's truncation
TOL = cmp.Tolerance()


def test_reference_agreeing_with_onnxruntime_against_the_framework_is_the_converter() -> None:
    got = bl.decide(Outcome.MISMATCH, FW, TRUNC, TOL, TRUNC, "torch")
    assert got.verdict is bl.Verdict.CONVERTER
    assert got.reference and got.reference["vs_framework"] == "mismatch" and got.reference["vs_onnxruntime"] == "pass"
    assert got.reference["max_abs"] == 1.0


def test_reference_agreeing_with_the_framework_is_the_runtime() -> None:
    fw = [np.zeros((1, 3, 1, 1), dtype="float32")]
    ort = [np.zeros((1, 3, 2, 2), dtype="float32")]
    got = bl.decide(Outcome.WRONG_SHAPE, fw, fw, TOL, ort, "torch")
    assert got.verdict is bl.Verdict.RUNTIME
    assert "agrees with torch" in got.reason


def test_the_calibrated_tolerance_decides_agreement() -> None:
    fw = [np.array([1.0, 2.0], dtype="float32")]
    ref = [np.array([1.0, 2.001], dtype="float32")]  # 1e-3 off: past atol 1e-5 + rtol 1e-3 * 2
    ort = [np.array([5.0, 5.0], dtype="float32")]
    assert bl.decide(Outcome.MISMATCH, fw, ref, cmp.Tolerance(rtol=0.0), ort).verdict is bl.Verdict.UNKNOWN
    calibrated = cmp.Tolerance(rtol=0.0, noise=[1e-3], method="float64")  # atol = 10 x noise
    got = bl.decide(Outcome.MISMATCH, fw, ref, calibrated, ort)
    assert got.verdict is bl.Verdict.RUNTIME and got.reference and got.reference["noise_ratio"] < 10


def test_onnxruntime_failing_on_a_model_the_reference_runs_and_matches_is_the_runtime() -> None:
    got = bl.decide(Outcome.LOAD_ERROR, FW, FW, TOL, None, "torch")
    assert got.verdict is bl.Verdict.RUNTIME and "cannot load" in got.reason
    assert bl.decide(Outcome.RUN_ERROR, FW, TRUNC, TOL, None).verdict is bl.Verdict.CONVERTER


def test_only_a_declared_shape_differing_is_the_model_spec() -> None:
    fw = [np.ones((1, 3, 1, 1), dtype="float32")]
    got = bl.decide(Outcome.WRONG_SHAPE, fw, fw, TOL, fw)
    assert got.verdict is bl.Verdict.MODEL_SPEC


def test_reference_failures() -> None:
    missing = bl.reference_failed(Outcome.MISMATCH, NotImplementedError("Unable to find op 'Foo'"))
    assert missing.verdict is bl.Verdict.UNKNOWN and "cannot run" in missing.reason
    both = bl.reference_failed(Outcome.RUN_ERROR, ValueError("cannot reshape array of size 6 into shape (2,6)"))
    assert both.verdict is bl.Verdict.CONVERTER and "both reject" in both.reason
    alone = bl.reference_failed(Outcome.MISMATCH, ValueError("boom"))
    assert alone.verdict is bl.Verdict.UNKNOWN


def test_outcomes_assessed_are_the_silent_and_onnxruntime_failures() -> None:
    from convtrack import store

    assert {o.value for o in bl.ASSESSED} == store.BLAMED_OUTCOMES
