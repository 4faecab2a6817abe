"""Every intermediate value of a model on one input, by name (for `convtrack reduce`); runs inside a cell.

- `reference`: the ONNX reference evaluator (onnx.reference, onnx >= 1.13), at float32 or on the float64 twin;
- `runtime_prefix`: onnxruntime on the longest prefix of the graph that runs, with its values exposed as outputs
  (found by bisection: log2(nodes) sessions), for a model onnxruntime cannot run to its end.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from convtrack.cell import subgraph
from convtrack.cell.exact import zip_exact


def inputs_by_name(model: Any, arrays: list[Any] | tuple[Any, ...]) -> dict[str, Any]:
    """The case's input arrays by the model's input names (by position; by `input_i` when inputs were dropped)."""
    inits = {t.name for t in model.graph.initializer}
    names = [i.name for i in model.graph.input if i.name not in inits]
    arrays = [a for a in arrays if hasattr(a, "dtype")]
    if len(names) == len(arrays):
        return dict(zip_exact(names, arrays))
    by_name = {f"input_{i}": a for i, a in enumerate(arrays)}
    return {n: by_name[n] for n in names if n in by_name}


def reference(model: Any, feeds: Mapping[str, Any], wide: bool = False) -> dict[str, Any]:
    """name -> value of every input and node output, by the reference evaluator (wide: on the float64 twin)."""
    import numpy as np
    from onnx.reference import ReferenceEvaluator

    if wide:
        model = subgraph.float64(model)
        feeds = {k: v.astype(np.float64) if v.dtype == np.float32 else v for k, v in feeds.items()}
    names = subgraph.produced(model)
    exposed = subgraph.expose(model, names)
    out_names = [o.name for o in exposed.graph.output]
    results = ReferenceEvaluator(exposed).run(None, dict(feeds))
    values = dict(feeds)
    values.update({n: np.asarray(v) for n, v in zip_exact(out_names, results)})
    return values


def _runtime(model: Any, feeds: Mapping[str, Any], keep: int, types: Mapping[str, Any]) -> dict[str, Any] | None:
    """onnxruntime's values of the first `keep` nodes, or None when that prefix does not run."""
    nodes = range(keep)
    names = [o for i in nodes for o in model.graph.node[i].output if o and o in types]
    if not names:
        return {}
    cut = subgraph.cut(model, nodes, names, {}, types)
    if cut is None:
        return None
    try:
        sess = session(cut)
        wanted = [i.name for i in sess.get_inputs()]
        outs = sess.run(None, {n: feeds[n] for n in wanted})
    except Exception:  # noqa: BLE001 - a prefix that fails is what the bisection looks for
        return None
    return dict(zip_exact(names, outs))


def session(model: Any) -> Any:
    """An onnxruntime session of an in-memory model with the harness's options (stages.session)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.log_severity_level = 3
    return ort.InferenceSession(model.SerializeToString(), options, providers=["CPUExecutionProvider"])


def runtime_prefix(model: Any, feeds: Mapping[str, Any], types: Mapping[str, Any]) -> dict[str, Any]:
    """onnxruntime's values of the longest runnable prefix of the graph (its inputs included)."""
    lo, hi = 0, len(model.graph.node)
    best: dict[str, Any] = {}
    while lo < hi:  # invariant: the prefix of lo nodes runs (the empty prefix always does)
        mid = (lo + hi + 1) // 2
        got = _runtime(model, feeds, mid, types)
        if got is None:
            hi = mid - 1
        else:
            lo, best = mid, got
    return {**feeds, **best}
