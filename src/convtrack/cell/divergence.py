"""The first diverging node of a mismatch: where, in topological order, the model's values first go wrong.

Every node output of a copy of the model is made a graph output (`expose`), so onnxruntime and the reference
evaluator return every intermediate value. Two comparisons, in this order:

1. **onnxruntime against the reference evaluator** (`against_reference`): the first node whose output differs
   beyond tolerance is where onnxruntime departs from the op definitions (a runtime bug's location).
2. **against the framework's own intermediates** (`against_framework`), when both executions agree (a converter
   bug): values the framework computed (torch: every aten op's output, captured in eager mode) are matched by
   shape and value. The first node whose inputs all match known values (or are static: initializers, constants,
   shapes) and whose output matches none, and from which a failing graph output is reachable without passing a
   matched value again, is where the model departs from the framework. A correct decomposition of one framework op
   into several nodes has unmatched intermediates too, but its result matches again downstream, so it is skipped.

Tolerance for intermediates: the case's rtol, and atol = max(case atol, INTERMEDIATE_SCALE x the value's largest
magnitude), since no float64 noise estimate exists for intermediate values; integers and booleans compare exactly.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from convtrack.cell import compare as cmp

INTERMEDIATE_SCALE = 1e-4  # float32 accumulation differences grow with a value's magnitude
# Nodes whose outputs are static given the input shapes: never a divergence, never a source of one.
STATIC_OPS = frozenset({"Constant", "Shape", "Size", "ConstantOfShape", "EyeLike"})


def expose(model: Any) -> Any:
    """A copy of `model` with every top-level node output also a graph output (typed where inference knows)."""
    import onnx

    exposed = onnx.ModelProto()
    exposed.CopyFrom(model)
    try:
        inferred = onnx.shape_inference.infer_shapes(exposed)
        known = {vi.name: vi for vi in inferred.graph.value_info}
    except Exception:  # noqa: BLE001 - untyped outputs still work in both executors
        known = {}
    present = {o.name for o in exposed.graph.output}
    for node in exposed.graph.node:
        for name in node.output:
            if name and name not in present:
                present.add(name)
                vi = known.get(name)
                exposed.graph.output.append(vi if vi is not None else onnx.ValueInfoProto(name=name))
    return exposed


def output_names(model: Any) -> list[str]:
    return [o.name for o in model.graph.output]


def _close(expected: Any, actual: Any, rtol: float, atol: float) -> tuple[bool, float | None]:
    """Whether two values agree (and their max |a - e|); non-tensors are taken to agree."""
    import numpy as np

    if not hasattr(expected, "dtype") or not hasattr(actual, "dtype"):
        return True, None
    e, a = np.asarray(expected), np.asarray(actual)
    if e.dtype.kind not in "biufc" or a.dtype.kind not in "biufc":
        return True, None
    if e.shape != a.shape:
        return False, None
    scale = float(np.nanmax(np.abs(e[np.isfinite(e)]))) if e.dtype.kind in "fc" and np.isfinite(e).any() else 0.0
    tol = cmp.Tolerance(rtol=rtol, atol=max(atol, INTERMEDIATE_SCALE * scale))
    out = cmp.compare_output(0, e, a, tol)
    return bool(out), out.max_abs


def _where(node: Any, name: str, max_abs: float | None, against: str, **extra: Any) -> dict[str, Any]:
    return {"against": against, "op_type": node.op_type, "node": node.name, "output": name, "max_abs": max_abs,
            **extra}


def against_reference(model: Any, ort: Mapping[str, Any], reference: Mapping[str, Any], rtol: float,
                      atol: float) -> dict[str, Any] | None:
    """The first node (topological order) whose output differs between onnxruntime and the reference."""
    for node in model.graph.node:
        for name in node.output:
            if name in ort and name in reference:
                ok, max_abs = _close(reference[name], ort[name], rtol, atol)
                if not ok:
                    return _where(node, name, max_abs, "reference", shapes=[_shape(ort[name]),
                                                                            _shape(reference[name])])
    return None


def _shape(value: Any) -> list[int] | None:
    return list(value.shape) if hasattr(value, "shape") else None


class _Known:
    """The framework's values, bucketed by shape, matched by value within tolerance."""

    def __init__(self, values: Iterable[Any], rtol: float, atol: float) -> None:
        self.by_shape: dict[tuple[int, ...], list[Any]] = defaultdict(list)
        for v in values:
            if hasattr(v, "shape"):
                self.by_shape[tuple(v.shape)].append(v)
        self.rtol, self.atol = rtol, atol

    def match(self, value: Any) -> bool:
        if not hasattr(value, "shape"):
            return False
        return any(_close(k, value, self.rtol, self.atol)[0] for k in self.by_shape.get(tuple(value.shape), ()))


def against_framework(model: Any, values: Mapping[str, Any], framework: Sequence[Any], failing: Sequence[str],
                      rtol: float, atol: float) -> dict[str, Any] | None:
    """The first node departing from the framework's known values (see the module doc), or None.

    `values` holds the model's values by name (onnxruntime's, graph inputs included); `failing` names the graph
    outputs that failed the task's comparison."""
    graph = model.graph
    # the inputs are the framework's values too: a node that only copies one (an Expand to its own shape, a
    # Reshape, an Identity) has not departed from the framework
    inputs = [values[i.name] for i in graph.input if i.name in values]
    known = _Known([*framework, *inputs], rtol, atol)
    static = {i.name for i in graph.initializer} | {""}
    ok = set(static) | {i.name for i in graph.input}
    consumers: dict[str, list[Any]] = defaultdict(list)
    for node in graph.node:
        for name in node.input:
            consumers[name].append(node)
    matched: set[str] = set()
    for node in graph.node:
        if node.op_type in STATIC_OPS or all(i in static for i in node.input):
            static.update(node.output)
            ok.update(node.output)
            continue
        for name in node.output:
            if name in values and known.match(values[name]):
                matched.add(name)
                ok.add(name)
    failing_set = set(failing)
    for node in graph.node:
        if not all(i in ok for i in node.input):
            continue
        for name in node.output:
            if name in ok or name not in values:
                continue
            if _reaches(name, failing_set, consumers, ok):
                max_abs = _nearest(values[name], known)
                if max_abs is None:  # no framework value of its shape: a guess, not a measured departure
                    return {"against": "framework", "op_type": None, "node": None, "output": None, "max_abs": None,
                            "reason": f"undetermined: {node.op_type} {node.name or name} is the first value that "
                                      "matches none of the framework's intermediates, but none of them has its "
                                      "shape to measure it against"}
                return _where(node, name, max_abs, "framework")
    return None


def _reaches(start: str, failing: set[str], consumers: Mapping[str, list[Any]], ok: set[str]) -> bool:
    """A failing graph output is reachable from `start` through values that match nothing known."""
    seen, stack = {start}, [start]
    while stack:
        name = stack.pop()
        if name in failing:
            return True
        for node in consumers.get(name, ()):
            for out in node.output:
                if out and out not in ok and out not in seen:
                    seen.add(out)
                    stack.append(out)
    return False


def _nearest(value: Any, known: _Known) -> float | None:
    """max |a - e| against the closest same-shaped framework value (None when none has that shape)."""
    import numpy as np

    diffs = []
    for k in known.by_shape.get(tuple(getattr(value, "shape", ())), ()):
        with np.errstate(invalid="ignore", over="ignore"):
            d = np.abs(np.asarray(value, dtype=np.float64) - np.asarray(k, dtype=np.float64))
        diffs.append(float(np.nanmax(d)) if d.size else 0.0)
    return min(diffs) if diffs else None
