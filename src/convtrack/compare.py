"""Compare the converted model's outputs with the framework's own, kept apart from execution.

Rule: |actual - expected| <= atol + rtol * |expected| elementwise, NaN equal to NaN, Inf equal to Inf of the
same sign (the additive rule numpy, torch and tf2onnx use). Raw metrics are stored so a verdict can be
re-derived under another tolerance without a re-run; `tier` is the smallest tolerance of TIERS that passes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from convtrack.outcomes import Outcome

if TYPE_CHECKING:
    import numpy as np

DEFAULT_RTOL = 1e-3
DEFAULT_ATOL = 1e-5
# Tolerance tiers (rtol = atol = t): a mismatch that moves to a worse tier is a numeric regression.
TIERS: tuple[float, ...] = (0.0, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0)


@dataclasses.dataclass
class OutputComparison:
    index: int
    expected_shape: list[int]
    actual_shape: list[int] | None
    expected_dtype: str
    actual_dtype: str | None
    max_abs: float | None = None
    max_rel: float | None = None
    mismatch_fraction: float | None = None
    nan_disagree: int = 0
    inf_disagree: int = 0
    tier: int | None = None  # index into TIERS; len(TIERS) when no tier passes

    @property
    def same_layout(self) -> bool:
        return self.expected_shape == self.actual_shape and self.expected_dtype == self.actual_dtype

    def __bool__(self) -> bool:
        return self.same_layout and self.mismatch_fraction == 0.0

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass
class Comparison:
    """The comparison of one seeded input's outputs; its truth value is the verdict."""

    outputs: list[OutputComparison]
    count_expected: int
    count_actual: int
    rtol: float
    atol: float

    @property
    def outcome(self) -> Outcome:
        if self.count_expected != self.count_actual or not all(o.same_layout for o in self.outputs):
            return Outcome.WRONG_SHAPE
        if any(not o for o in self.outputs):
            return Outcome.MISMATCH
        return Outcome.PASS

    def __bool__(self) -> bool:
        return self.outcome is Outcome.PASS

    def metrics(self) -> dict[str, Any]:
        def worst(key: str) -> float | None:
            vals = [getattr(o, key) for o in self.outputs if getattr(o, key) is not None]
            return max(vals) if vals else None

        return {
            "max_abs": worst("max_abs"),
            "max_rel": worst("max_rel"),
            "mismatch_fraction": worst("mismatch_fraction"),
            "tier": worst("tier"),
            "rtol": self.rtol,
            "atol": self.atol,
            "outputs_expected": self.count_expected,
            "outputs_actual": self.count_actual,
            "outputs": [o.to_dict() for o in self.outputs],
        }


def _finite_close(expected: np.ndarray, actual: np.ndarray, rtol: float, atol: float) -> np.ndarray:
    import numpy as np

    with np.errstate(invalid="ignore", over="ignore"):
        close = np.abs(actual - expected) <= atol + rtol * np.abs(expected)
    close &= np.isfinite(expected) & np.isfinite(actual)  # inf - (-inf) would pass an infinite tolerance
    both_nan = np.isnan(expected) & np.isnan(actual)
    same_inf = np.isinf(expected) & np.isinf(actual) & (np.sign(expected) == np.sign(actual))
    return close | both_nan | same_inf


def compare_output(index: int, expected: Any, actual: Any, rtol: float, atol: float) -> OutputComparison:
    import numpy as np

    exp = np.asarray(expected)
    result = OutputComparison(
        index=index,
        expected_shape=list(exp.shape),
        actual_shape=None if actual is None else list(np.shape(actual)),
        expected_dtype=str(exp.dtype),
        actual_dtype=None if actual is None else str(np.asarray(actual).dtype),
    )
    if actual is None or list(np.shape(actual)) != list(exp.shape):
        return result
    act = np.asarray(actual)
    if exp.dtype.kind in "fc" or act.dtype.kind in "fc":
        e = exp.astype(np.float64)
        a = act.astype(np.float64)
        nan_e, nan_a = np.isnan(e), np.isnan(a)
        inf_e, inf_a = np.isinf(e), np.isinf(a)
        result.nan_disagree = int(np.count_nonzero(nan_e != nan_a))
        result.inf_disagree = int(np.count_nonzero((inf_e != inf_a) | (inf_e & inf_a & (np.sign(e) != np.sign(a)))))
        finite = np.isfinite(e) & np.isfinite(a)
        with np.errstate(invalid="ignore"):
            diff = np.abs(a - e)[finite]
        result.max_abs = float(diff.max()) if diff.size else 0.0
        denom = np.abs(e)[finite]
        nz = denom > 0
        result.max_rel = float((diff[nz] / denom[nz]).max()) if np.any(nz) else 0.0
        ok = _finite_close(e, a, rtol, atol)
        result.mismatch_fraction = float(1.0 - ok.mean()) if ok.size else 0.0
        result.tier = next(
            (i for i, t in enumerate(TIERS) if bool(_finite_close(e, a, t, t).all())), len(TIERS)
        )
    else:  # integers and booleans must match exactly
        eq = exp == act
        result.max_abs = float(np.abs(exp.astype(np.float64) - act.astype(np.float64)).max()) if exp.size else 0.0
        result.max_rel = None
        result.mismatch_fraction = float(1.0 - eq.mean()) if eq.size else 0.0
        result.tier = 0 if bool(eq.all()) else len(TIERS)
    return result


def compare(
    expected: Sequence[Any], actual: Sequence[Any], rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL
) -> Comparison:
    outputs = [
        compare_output(i, exp, actual[i] if i < len(actual) else None, rtol, atol) for i, exp in enumerate(expected)
    ]
    return Comparison(outputs, len(expected), len(actual), rtol, atol)


def verdict_at(metrics: dict[str, Any], tier: float) -> Outcome:
    """Re-derive a mismatch verdict from stored metrics at a tier tolerance, without re-running."""
    stored = metrics.get("tier")
    if stored is None:
        return Outcome.PASS
    return Outcome.PASS if stored < len(TIERS) and TIERS[stored] <= tier else Outcome.MISMATCH
