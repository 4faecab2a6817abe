from __future__ import annotations

import numpy as np
import pytest

from convtrack import compare
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
