from __future__ import annotations

import numpy as np
import pytest

from convtrack.cell import compare
from convtrack.outcomes import Outcome


def test_identical_outputs_pass_with_zero_error() -> None:
    x = np.linspace(-1, 1, 10, dtype=np.float32)
    result = compare.compare([x], [x.copy()])
    assert result and result.outcome is Outcome.PASS
    m = result.metrics()
    assert m["max_abs"] == 0.0 and m["mismatch_fraction"] == 0.0 and m["tier"] == 0


def test_additive_tolerance_rule() -> None:
    expected = np.array([1000.0, 0.0], dtype=np.float32)
    # 0.5 <= 1e-5 + 1e-3 * 1000 passes; near zero only atol applies
    assert compare.compare([expected], [np.array([1000.5, 5e-6], dtype=np.float32)])
    assert not compare.compare([expected], [np.array([1000.0, 2e-5], dtype=np.float32)])


def test_mismatch_metrics_are_raw_numbers() -> None:
    exp = np.array([1.0, 2.0, 3.0, 4.0], dtype=np.float32)
    act = np.array([1.0, 2.0, 3.5, 4.0], dtype=np.float32)
    result = compare.compare([exp], [act])
    assert result.outcome is Outcome.MISMATCH
    out = result.outputs[0]
    assert out.max_abs == pytest.approx(0.5)
    assert out.max_rel == pytest.approx(0.5 / 3.0)
    assert out.mismatch_fraction == pytest.approx(0.25)
    assert compare.TIERS[out.tier] == 1.0  # 0.5 <= t + t*3 needs t >= 0.125


def test_nan_equals_nan_and_inf_needs_same_sign() -> None:
    exp = np.array([np.nan, np.inf, 1.0], dtype=np.float32)
    assert compare.compare([exp], [exp.copy()])
    flipped = np.array([np.nan, -np.inf, 1.0], dtype=np.float32)
    result = compare.compare([exp], [flipped])
    assert result.outcome is Outcome.MISMATCH
    assert result.outputs[0].inf_disagree == 1
    nan_vs_num = compare.compare([exp], [np.array([0.0, np.inf, 1.0], dtype=np.float32)])
    assert nan_vs_num.outputs[0].nan_disagree == 1 and not nan_vs_num
    # the headline metrics say so too: max_abs reads the finite pairs only (0.0 here)
    headline = nan_vs_num.metrics()
    assert (headline["max_abs"], headline["nan_disagree"], headline["inf_disagree"]) == (0.0, 1, 0)
    assert result.metrics()["inf_disagree"] == 1


@pytest.mark.parametrize(
    ("expected", "actual"),
    [
        ([np.zeros((2, 3), np.float32)], [np.zeros((3, 2), np.float32)]),
        ([np.zeros(3, np.float32)], [np.zeros(3, np.float64)]),
        ([np.zeros(3, np.int64)], [np.zeros(3, np.float32)]),
        ([np.zeros(3, np.float32), np.zeros(1, np.float32)], [np.zeros(3, np.float32)]),
    ],
)
def test_shape_dtype_or_count_differences_are_wrong_shape(expected: list, actual: list) -> None:
    assert compare.compare(expected, actual).outcome is Outcome.WRONG_SHAPE


def test_integers_compare_exactly() -> None:
    exp = np.array([-4, -4, -3, 2], dtype=np.int64)
    assert compare.compare([exp], [exp.copy()])
    result = compare.compare([exp], [np.array([-3, -3, -2, 2], dtype=np.int64)])
    assert result.outcome is Outcome.MISMATCH
    assert result.outputs[0].mismatch_fraction == pytest.approx(0.75)


def test_verdict_can_be_rederived_at_another_tier() -> None:
    exp = np.ones(4, np.float32)
    metrics = compare.compare([exp], [exp + 2e-3]).metrics()
    assert compare.verdict_at(metrics, 1e-2) is Outcome.PASS
    assert compare.verdict_at(metrics, 1e-4) is Outcome.MISMATCH


def test_error_within_float64_noise_passes_beyond_it_mismatches() -> None:
    # values near zero after cancellation: a fixed rtol/atol sees a 0.1 relative error everywhere
    exp = np.array([1e-2, -2e-2, 3e-2], dtype=np.float32)
    act = exp + np.float32(1e-3)
    assert compare.compare([exp], [act]).outcome is Outcome.MISMATCH
    noisy = compare.Tolerance(noise=[1e-3], method="float64")
    calibrated = compare.compare([exp], [act], tolerance=noisy)
    assert calibrated.outcome is Outcome.PASS
    tol = calibrated.metrics()["tolerance"]
    assert tol["source"] == "calibrated" and tol["atol"] == pytest.approx(compare.NOISE_K * 1e-3)
    assert tol["noise_ratio"] == pytest.approx(1.0, rel=1e-3)
    # a real bug (AvgPool divisor ignored: 0.88 relative) stays a mismatch, ~1e6 times past the noise
    bug = compare.compare([np.ones(4, np.float32)], [np.full(4, 1.88, np.float32)],
                          tolerance=compare.Tolerance(noise=[3e-7]))
    assert bug.outcome is Outcome.MISMATCH
    assert bug.metrics()["tolerance"]["noise_ratio"] > 1e6


def test_case_tolerance_is_the_floor_and_its_source_is_kept() -> None:
    exp = np.ones(3, np.float32)
    result = compare.compare([exp], [exp], tolerance=compare.Tolerance(atol=1e-4, source="case", noise=[1e-9]))
    tol = result.metrics()["tolerance"]
    assert tol["atol"] == 1e-4 and tol["source"] == "case" and tol["base_atol"] == 1e-4


def test_integer_failure_does_not_borrow_max_rel_from_a_passing_float_output() -> None:
    floats = np.linspace(1, 2, 5, dtype=np.float32)
    ints = np.array([-4, -3, 2], dtype=np.int64)
    result = compare.compare([floats, ints], [floats * (1 + 1e-6), ints + 1])
    m = result.metrics()
    assert result.outcome is Outcome.MISMATCH
    assert m["failing_outputs"] == [1]
    assert m["max_rel"] is None and m["max_abs"] == 1.0 and m["mismatch_fraction"] == 1.0
    assert m["tolerance"]["exact"] and m["tolerance"]["atol"] == 0.0


def test_a_float_failure_is_judged_with_a_tolerance_not_exactly() -> None:
    floats = np.linspace(1, 2, 5, dtype=np.float32)
    ints = np.array([-4, -3, 2], dtype=np.int64)
    failing_float = compare.compare([floats, ints], [floats + 1.0, ints]).metrics()["tolerance"]
    assert not failing_float["exact"] and failing_float["atol"] == compare.DEFAULT_ATOL
    assert not compare.compare([floats], [floats.astype(np.float64)]).outputs[0].exact
    assert compare.compare([ints > 0], [ints > 0]).outputs[0].exact


def test_declared_static_shape_disagreeing_with_the_framework_is_wrong_shape() -> None:
    exp = np.zeros((2, 6, 4, 3), np.float32)
    # torch >= 2.6 declares MaxPool(ceil_mode) as (2, 6, 5, 3); onnxruntime >= 1.21 returns eager's (2, 6, 4, 3)
    result = compare.compare([exp], [exp.copy()], declared=[[2, 6, 5, 3]])
    assert result.outcome is Outcome.WRONG_SHAPE
    assert not result.outputs[0].declared_agrees
    assert compare.compare([exp], [exp.copy()], declared=[["batch", 6, "h", 3]]).outcome is Outcome.PASS
    assert compare.compare([exp], [exp.copy()], declared=[[2, 6, 4]]).outcome is Outcome.WRONG_SHAPE
    assert compare.compare([exp], [exp.copy()], declared=[None]).outcome is Outcome.PASS


def test_noise_scale_is_the_max_float_difference_per_output() -> None:
    r32 = [np.array([1.0, 2.0], np.float32), np.array([1, 2], np.int64)]
    r64 = [np.array([1.0 + 1e-7, 2.0 - 3e-7]), np.array([1, 2], np.int64)]
    noise = compare.noise_scale(r32, r64)
    assert noise[0] == pytest.approx(3e-7, rel=1e-3) and noise[1] is None

