"""Whose failure is it: the converter's, onnxruntime's or the model's declarations? Decided from evidence.

For a `mismatch`, `wrong_shape`, `load_error` or `run_error` the same ONNX model runs a second time on the same
input under `onnx.reference.ReferenceEvaluator` (an independent implementation of the op definitions) and the
verdict follows from who agrees with whom, under the same calibrated tolerance as the task's own comparison:

- `model-spec`: the model's declared output shapes or types contradict its ops (strict shape inference with data
  propagation fails, or infers a static shape other than the declared one), or onnxruntime computes what the
  framework does and only the declaration differs;
- `runtime`: the reference agrees with the framework, onnxruntime does not (or cannot load / run the model);
- `converter`: the reference disagrees with the framework as onnxruntime does (the model computes something
  else), or both onnxruntime and the reference reject the model;
- `unknown`, with a reason: the reference cannot run an op, ran out of its time budget, or disagrees with both.

Only numpy and onnx are needed here (onnxruntime for the divergence); `evaluate` runs in a child process of the
worker (`convtrack.cell.assess`), so a slow or crashing reference evaluation costs only the task's blame.
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Sequence
from typing import Any

from convtrack.cell import compare as cmp
from convtrack.outcomes import Outcome

# Outcomes whose blame is assessed: the model was converted and checked, and onnxruntime or the comparison failed.
ASSESSED = frozenset({Outcome.MISMATCH, Outcome.WRONG_SHAPE, Outcome.LOAD_ERROR, Outcome.RUN_ERROR})
# Reference evaluator errors that say it lacks an implementation, not that the model is wrong.
_UNSUPPORTED = re.compile(r"not implemented|no implementation|unable to find|is not supported|unsupported|"
                          r"no registered|RuntimeContextError|NotImplementedError", re.IGNORECASE)


class Verdict(str, enum.Enum):
    CONVERTER = "converter"
    RUNTIME = "runtime"
    MODEL_SPEC = "model-spec"
    UNKNOWN = "unknown"
    # Upgraded records written before blame existed (schema < 3): nobody looked.
    NOT_ASSESSED = "not-assessed"

    def __str__(self) -> str:
        return self.value


@dataclasses.dataclass
class Blame:
    """The record's `blame` field: the verdict, why, and the reference evaluator's own figures."""

    verdict: Verdict
    reason: str
    reference: dict[str, Any] | None = None  # max_abs, noise_ratio, outcome vs framework and vs onnxruntime, ...

    def to_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict.value, "reason": self.reason, "reference": self.reference}


def unknown(reason: str) -> Blame:
    return Blame(Verdict.UNKNOWN, reason)


def spec_problem(model: Any) -> str | None:
    """How the model's declared outputs contradict its op definitions, or None.

    Strict shape inference with data propagation on a copy whose graph outputs carry no shapes: a failure, or an
    inferred static dimension other than the declared one, is a contradiction.
    """
    import onnx

    stripped = onnx.ModelProto()
    stripped.CopyFrom(model)
    for out in stripped.graph.output:
        if out.type.HasField("tensor_type"):
            out.type.tensor_type.ClearField("shape")
    try:
        inferred = onnx.shape_inference.infer_shapes(stripped, check_type=True, strict_mode=True, data_prop=True)
    except Exception as exc:  # noqa: BLE001 - inference failing is the finding
        first = (str(exc).strip().splitlines() or [""])[0][:300]
        return f"strict shape inference fails: {type(exc).__name__}: {first}"
    for declared, found in zip(model.graph.output, inferred.graph.output):  # noqa: B905
        want, got = _static_dims(declared), _static_dims(found)
        if want is None or got is None:
            continue
        if len(want) != len(got) or any(w is not None and g is not None and w != g for w, g in zip(want, got)):  # noqa: B905
            return f"output {declared.name!r} is declared {_show(want)}, its ops infer {_show(got)}"
        if declared.type.tensor_type.elem_type != found.type.tensor_type.elem_type != 0:
            return (f"output {declared.name!r} is declared of element type {declared.type.tensor_type.elem_type}, "
                    f"its ops infer {found.type.tensor_type.elem_type}")
    return None


def _static_dims(value_info: Any) -> list[int | None] | None:
    if not value_info.type.HasField("tensor_type") or not value_info.type.tensor_type.HasField("shape"):
        return None
    return [d.dim_value if d.HasField("dim_value") else None for d in value_info.type.tensor_type.shape.dim]


def _show(dims: list[int | None]) -> str:
    return "(" + ", ".join("?" if d is None else str(d) for d in dims) + ")"


def reference_failed(outcome: Outcome, error: BaseException) -> Blame:
    """The verdict when the reference evaluator raised on the model."""
    text = f"{type(error).__name__}: {(str(error).strip().splitlines() or [''])[0][:300]}"
    if isinstance(error, NotImplementedError) or _UNSUPPORTED.search(text):
        return unknown(f"the reference evaluator cannot run the model: {text}")
    if outcome in (Outcome.LOAD_ERROR, Outcome.RUN_ERROR):
        return Blame(Verdict.CONVERTER, f"onnxruntime and the reference evaluator both reject the model "
                                        f"(reference: {text})", {"error": text})
    return unknown(f"the reference evaluator fails on a model onnxruntime runs: {text}")


def decide(outcome: Outcome, framework: Sequence[Any], reference: Sequence[Any], tolerance: cmp.Tolerance,
           ort: Sequence[Any] | None, framework_name: str = "the framework") -> Blame:
    """The verdict from the three witnesses of one seeded input: the framework's outputs, the reference
    evaluator's and onnxruntime's (None when onnxruntime could not load or run the model)."""
    if outcome in (Outcome.LOAD_ERROR, Outcome.RUN_ERROR):
        ort = None  # onnxruntime produced nothing on the failing input: outputs handed in are another seed's
    vs_framework = cmp.compare(framework, reference, tolerance=tolerance)
    figures = _figures(vs_framework)
    if ort is not None:
        vs_ort = cmp.compare(ort, reference, tolerance=tolerance)
        figures["vs_onnxruntime"] = vs_ort.outcome.value
        ort_layout_ok = cmp.compare(framework, ort, tolerance=tolerance).outcome is not Outcome.WRONG_SHAPE
        if outcome is Outcome.WRONG_SHAPE and ort_layout_ok:  # only a declared shape differs
            return Blame(Verdict.MODEL_SPEC, f"onnxruntime computes the shapes {framework_name} does; the model's "
                                             "declared output shapes differ from both", figures)
    if vs_framework:
        what = {Outcome.LOAD_ERROR: "cannot load", Outcome.RUN_ERROR: "cannot run"}.get(outcome, "disagrees")
        return Blame(Verdict.RUNTIME, f"the reference evaluator agrees with {framework_name} within the calibrated "
                                      f"tolerance; onnxruntime {what}", figures)
    if ort is None:
        return Blame(Verdict.CONVERTER, f"the model computes other values than {framework_name} (reference "
                                        f"evaluator: {vs_framework.outcome.value}); onnxruntime also fails on it",
                     figures)
    if figures["vs_onnxruntime"] == Outcome.PASS.value:
        return Blame(Verdict.CONVERTER, f"the reference evaluator and onnxruntime agree; both differ from "
                                        f"{framework_name} ({vs_framework.outcome.value})", figures)
    return Blame(Verdict.UNKNOWN, f"the reference evaluator disagrees with both {framework_name} "
                                  f"({vs_framework.outcome.value}) and onnxruntime", figures)


def _figures(comparison: cmp.Comparison) -> dict[str, Any]:
    m = comparison.metrics()
    tol = m["tolerance"]
    return {"vs_framework": comparison.outcome.value, "max_abs": m["max_abs"], "max_rel": m["max_rel"],
            "noise_ratio": tol["noise_ratio"], "atol": tol["atol"], "rtol": tol["rtol"],
            "shapes": [o["actual_shape"] for o in m["outputs"]]}


def reference_shares_runtime_rule(model: Any) -> str | None:
    """Why the reference evaluator is no independent witness against onnxruntime for this model, or None.

    onnx's reference AveragePool computes ceil_mode windows with onnxruntime's divisor rule (the windows' overhang
    past the padding counted), which is the very behaviour pytorch#183528 reports: where the two agree against the
    framework, that agreement proves nothing about the converter (audit 2026-11-30: the pytorch_183528 "converter"
    verdicts rested on it)."""
    for node in model.graph.node:
        if node.op_type == "AveragePool" and any(a.name == "ceil_mode" and a.i for a in node.attribute):
            return (f"{node.op_type} {node.name or '(unnamed)'} uses ceil_mode, where onnx's reference evaluator "
                    "shares onnxruntime's window rule (the behaviour pytorch#183528 reports): their agreement "
                    "does not show the converter wrong")
    return None
