"""Compare the converted model's outputs with the framework's own, kept apart from execution.

Rule: |actual - expected| <= atol + rtol * |expected| elementwise, NaN equal to NaN, Inf equal to Inf of the
same sign (the additive rule numpy, torch and tf2onnx use). Raw metrics are stored so a verdict can be
re-derived under another tolerance without a re-run; `tier` is the smallest tolerance of TIERS that passes.

Calibrated tolerance: the framework's own float32 noise on an output is |ref32 - ref64| (the same model and
inputs run in float64), taken at its maximum over the output. A mismatch must be well beyond it: the
effective atol of an output is max(case atol, NOISE_K * noise). reports/README.md gives the numbers behind
NOISE_K. Integer and boolean outputs always compare exactly.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from convtrack.cell.exact import zip_exact
from convtrack.outcomes import Outcome

if TYPE_CHECKING:
    import numpy as np

DEFAULT_RTOL = 1e-3
DEFAULT_ATOL = 1e-5
# How far past the framework's own float32 noise an error must be to count as a mismatch (measured: see
# reports/README.md, "Tolerance").
NOISE_K = 10.0
# Tolerance tiers (rtol = atol = t): a mismatch that moves to a worse tier is a numeric regression.
TIERS: tuple[float, ...] = (0.0, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1.0)


@dataclasses.dataclass
class Tolerance:
    """The tolerance one comparison uses: the case's (or default) rtol/atol plus the measured noise."""

    rtol: float = DEFAULT_RTOL
    atol: float = DEFAULT_ATOL
    source: str = "default"  # where rtol/atol come from: "case" or "default"
    noise: list[float | None] | None = None  # per output |ref32 - ref64| max; None: not calibrated
    method: str | None = None  # how the noise was measured, e.g. "float64"
    reason: str | None = None  # why there is no noise estimate (the model cannot run in float64, ...)
    k: float = NOISE_K

    def noise_of(self, index: int) -> float | None:
        return self.noise[index] if self.noise is not None and index < len(self.noise) else None

    def atol_for(self, index: int) -> float:
        noise = self.noise_of(index)
        return self.atol if noise is None else max(self.atol, self.k * noise)


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
    atol: float | None = None  # the effective atol used (calibrated or not)
    noise: float | None = None  # the framework's own float32 noise on this output
    noise_ratio: float | None = None  # max_abs / noise: how far past the noise the error is
    declared_shape: list[int | str | None] | None = None  # what the ONNX model declares for this output

    @property
    def declared_agrees(self) -> bool:
        """The model's declared static dims agree with the framework's output shape (symbolic dims match any)."""
        if self.declared_shape is None:
            return True
        if len(self.declared_shape) != len(self.expected_shape):
            return False
        return all(not isinstance(d, int) or d == e for d, e in zip_exact(self.declared_shape, self.expected_shape))

    @property
    def exact(self) -> bool:
        """Integer or boolean on both sides: compared for equality, so no rtol or atol applies."""
        kinds = {_kind(d) for d in (self.expected_dtype, self.actual_dtype) if d}
        return bool(kinds) and kinds <= set("biuUS")

    @property
    def same_layout(self) -> bool:
        return (self.expected_shape == self.actual_shape and self.expected_dtype == self.actual_dtype
                and self.declared_agrees)

    def __bool__(self) -> bool:
        return self.same_layout and self.mismatch_fraction == 0.0

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _kind(dtype: str) -> str:
    """numpy's kind letter of a dtype name; "?" for a name numpy does not know (bfloat16 without ml_dtypes)."""
    import numpy as np
    try:
        return str(np.dtype(dtype).kind)
    except TypeError:
        return "?"


@dataclasses.dataclass
class Comparison:
    """The comparison of one seeded input's outputs; its truth value is the verdict."""

    outputs: list[OutputComparison]
    count_expected: int
    count_actual: int
    tolerance: Tolerance

    @property
    def rtol(self) -> float:
        return self.tolerance.rtol

    @property
    def atol(self) -> float:
        return self.tolerance.atol

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
        """Raw metrics; the headline numbers come from the failing outputs only (never borrowed from a passing
        float output when an integer output fails)."""
        failing = [o for o in self.outputs if not o]
        pool = failing or self.outputs

        def worst(key: str) -> Any:
            vals = [getattr(o, key) for o in pool if getattr(o, key) is not None]
            return max(vals) if vals else None

        return {
            "max_abs": worst("max_abs"),
            "max_rel": worst("max_rel"),
            # elements where one side is NaN (or an infinity) and the other is not: max_abs reads finite pairs only,
            # so a mismatch made of NaNs alone shows 0.0 there and its size here
            "nan_disagree": sum(o.nan_disagree for o in pool),
            "inf_disagree": sum(o.inf_disagree for o in pool),
            "mismatch_fraction": worst("mismatch_fraction"),
            "tier": worst("tier"),
            "rtol": self.rtol,
            "atol": self.atol,
            "tolerance": self._tolerance(pool, worst),
            "failing_outputs": [o.index for o in failing],
            "outputs_expected": self.count_expected,
            "outputs_actual": self.count_actual,
            "outputs": [o.to_dict() for o in self.outputs],
        }

    def _tolerance(self, pool: list[OutputComparison], worst: Any) -> dict[str, Any]:
        tol = self.tolerance
        calibrated = any(o.atol is not None and o.atol > tol.atol for o in pool)
        return {
            "rtol": tol.rtol, "atol": worst("atol") if pool else tol.atol, "base_atol": tol.atol,
            "noise": worst("noise"), "noise_ratio": worst("noise_ratio"), "k": tol.k,
            "source": "calibrated" if calibrated else tol.source, "method": tol.method, "reason": tol.reason,
            # a verdict on integer outputs alone used no tolerance: rtol/atol above would mislead a reader
            "exact": bool(pool) and all(o.exact for o in pool),
        }


def _finite_close(expected: np.ndarray, actual: np.ndarray, rtol: float, atol: float) -> np.ndarray:
    import numpy as np

    with np.errstate(invalid="ignore", over="ignore"):
        close = np.abs(actual - expected) <= atol + rtol * np.abs(expected)
    close &= np.isfinite(expected) & np.isfinite(actual)  # inf - (-inf) would pass an infinite tolerance
    both_nan = np.isnan(expected) & np.isnan(actual)
    same_inf = np.isinf(expected) & np.isinf(actual) & (np.sign(expected) == np.sign(actual))
    return close | both_nan | same_inf


def compare_output(index: int, expected: Any, actual: Any, tolerance: Tolerance,
                   declared: list[int | str | None] | None = None) -> OutputComparison:
    import numpy as np

    exp = np.asarray(expected)
    result = OutputComparison(
        index=index,
        expected_shape=list(exp.shape),
        actual_shape=None if actual is None else list(np.shape(actual)),
        expected_dtype=str(exp.dtype),
        actual_dtype=None if actual is None else str(np.asarray(actual).dtype),
        declared_shape=declared,
    )
    if actual is None or list(np.shape(actual)) != list(exp.shape):
        return result
    act = np.asarray(actual)
    if exp.dtype.kind in "fc" or act.dtype.kind in "fc":
        _compare_float(result, exp, act, tolerance)
    else:  # integers and booleans must match exactly
        eq = exp == act
        result.max_abs = float(np.abs(exp.astype(np.float64) - act.astype(np.float64)).max()) if exp.size else 0.0
        result.max_rel = None
        result.mismatch_fraction = float(1.0 - eq.mean()) if eq.size else 0.0
        result.tier = 0 if bool(eq.all()) else len(TIERS)
        result.atol = 0.0
    return result


def _compare_float(result: OutputComparison, exp: np.ndarray, act: np.ndarray, tolerance: Tolerance) -> None:
    import numpy as np

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
    result.atol = tolerance.atol_for(result.index)
    result.noise = tolerance.noise_of(result.index)
    if result.noise:
        result.noise_ratio = result.max_abs / result.noise
    ok = _finite_close(e, a, tolerance.rtol, result.atol)
    result.mismatch_fraction = float(1.0 - ok.mean()) if ok.size else 0.0
    result.tier = next((i for i, t in enumerate(TIERS) if bool(_finite_close(e, a, t, t).all())), len(TIERS))


def compare(
    expected: Sequence[Any], actual: Sequence[Any], rtol: float = DEFAULT_RTOL, atol: float = DEFAULT_ATOL,
    tolerance: Tolerance | None = None, declared: Sequence[list[int | str | None] | None] | None = None,
) -> Comparison:
    """Compare outputs; `tolerance` (when given) overrides rtol/atol and carries the measured noise."""
    tol = tolerance or Tolerance(rtol, atol)
    outputs = [
        compare_output(i, exp, actual[i] if i < len(actual) else None, tol,
                       declared[i] if declared is not None and i < len(declared) else None)
        for i, exp in enumerate(expected)
    ]
    return Comparison(outputs, len(expected), len(actual), tol)


def noise_scale(ref32: Sequence[Any], ref64: Sequence[Any]) -> list[float | None]:
    """Per output, the framework's own float32 noise: max |ref32 - ref64| over its finite elements.

    None for an output that is not floating point or whose float64 twin has another shape.
    """
    import numpy as np

    out: list[float | None] = []
    for i, r32 in enumerate(ref32):
        a = np.asarray(r32)
        b = np.asarray(ref64[i]) if i < len(ref64) else None
        if b is None or a.dtype.kind not in "fc" or b.dtype.kind not in "fc" or a.shape != b.shape:
            out.append(None)
            continue
        a64, b64 = a.astype(np.float64), b.astype(np.float64)
        finite = np.isfinite(a64) & np.isfinite(b64)
        out.append(float(np.abs(a64 - b64)[finite].max()) if finite.any() else 0.0)
    return out


def verdict_at(metrics: dict[str, Any], tier: float) -> Outcome:
    """Re-derive a mismatch verdict from stored metrics at a tier tolerance, without re-running."""
    stored = metrics.get("tier")
    if stored is None:
        return Outcome.PASS
    return Outcome.PASS if stored < len(TIERS) and TIERS[stored] <= tier else Outcome.MISMATCH
