"""Cutting an ONNX graph into a smaller model (for `convtrack reduce`), with onnx only; runs inside a cell.

A cut keeps a set of nodes (`keep`, indices into graph.node, which ONNX requires in topological order) and names its
outputs. Every value the kept nodes read that no kept node produces becomes a graph input (an original input keeps
its declared type; an intermediate value gets the type of the array fed for it, or its inferred type), except
initializers, which stay initializers. Nodes with subgraphs (If, Loop, Scan) read outer values implicitly: those
count as reads too, so a cut never leaves a dangling outer reference.

`expose` adds graph outputs (to read intermediate values) and `float64` makes the float64 twin of a model that the
reference evaluator runs to measure float32 noise. onnx is imported inside functions: importing this module costs
nothing on the host.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from typing import Any


def _subgraphs(node: Any) -> list[Any]:
    out = []
    for attr in node.attribute:
        if attr.HasField("g"):
            out.append(attr.g)
        out.extend(attr.graphs)
    return out


def _graph_reads(graph: Any) -> set[str]:
    """Names a subgraph reads from outside itself."""
    inner = {i.name for i in graph.input} | {t.name for t in graph.initializer}
    inner |= {o for n in graph.node for o in n.output}
    reads = {i for n in graph.node for i in reads_of(n)}
    return reads - inner


def reads_of(node: Any) -> set[str]:
    """The values a node reads: its inputs and what its subgraphs take from the enclosing scope."""
    names = {i for i in node.input if i}
    for g in _subgraphs(node):
        names |= _graph_reads(g)
    return names


def cone(model: Any, outputs: Iterable[str], among: Iterable[int] | None = None) -> set[int]:
    """The nodes (of `among`, default all) the given values depend on through nodes of `among`."""
    nodes = model.graph.node
    allowed = set(range(len(nodes))) if among is None else set(among)
    producer = {o: i for i in allowed for o in nodes[i].output if o}
    todo, found = [v for v in outputs if v in producer], set()
    while todo:
        i = producer[todo.pop()]
        if i not in found:
            found.add(i)
            todo.extend(v for v in reads_of(nodes[i]) if v in producer)
    return found


def sinks(model: Any, keep: Iterable[int]) -> list[str]:
    """Outputs of kept nodes that no other kept node reads: what a cut without named outputs exposes."""
    nodes = model.graph.node
    kept = sorted(set(keep))
    read = {v for i in kept for v in reads_of(nodes[i])}
    return [o for i in kept for o in nodes[i].output if o and o not in read]


def known_types(model: Any) -> dict[str, Any]:
    """name -> TypeProto of every value whose type the model declares or shape inference finds."""
    import onnx

    try:
        inferred = onnx.shape_inference.infer_shapes(model)
    except Exception:  # noqa: BLE001 - an invalid model still has its declared types
        inferred = model
    g = inferred.graph
    return {vi.name: vi.type for vi in [*g.input, *g.value_info, *g.output] if vi.type.WhichOneof("value")}


def _value_info(name: str, feed: Any, types: Mapping[str, Any], shape: bool = True) -> Any | None:
    """A typed ValueInfo: from the array fed for it, else its known type (only its rank when `shape` is False: an
    inferred shape can be wrong for a model exported with dynamic axes, and a declared output shape that onnxruntime
    does not produce would fail the candidate for the wrong reason)."""
    import onnx

    if feed is not None and hasattr(feed, "dtype"):
        return onnx.helper.make_tensor_value_info(
            name, onnx.helper.np_dtype_to_tensor_dtype(feed.dtype), list(feed.shape) if shape else [None] * feed.ndim)
    if name in types:
        vi = onnx.ValueInfoProto(name=name)
        vi.type.CopyFrom(types[name])
        if not shape and vi.type.tensor_type.HasField("shape"):  # keep the rank (the checker wants a shape)
            for dim in vi.type.tensor_type.shape.dim:
                dim.Clear()
        return vi
    return None


def cut(model: Any, keep: Iterable[int], outputs: Sequence[str], feeds: Mapping[str, Any],
        types: Mapping[str, Any], constants: Mapping[str, Any] | None = None) -> Any | None:
    """The model of the kept nodes with these outputs; None when a read value has neither a feed nor a type.

    `constants` (name -> array) are values that become initializers instead of inputs (folded constants).
    """
    import onnx
    from onnx import numpy_helper

    g = model.graph
    nodes = [g.node[i] for i in sorted(set(keep))]
    produced = {o for n in nodes for o in n.output if o}
    if not nodes or not set(outputs) <= produced:
        return None
    reads = sorted({v for n in nodes for v in reads_of(n)} - produced)
    inits = {t.name: t for t in g.initializer}
    folded = constants or {}
    inits.update({v: numpy_helper.from_array(folded[v], v) for v in reads if v in folded})
    declared_in = {i.name: i for i in g.input}
    declared_out = {o.name: o for o in g.output}
    inputs = []
    for name in (v for v in reads if v not in inits):
        vi = declared_in.get(name) if name not in feeds else None
        vi = vi or _value_info(name, feeds.get(name), types)
        if vi is None:
            return None
        inputs.append(vi)
    outs = []
    for name in outputs:
        vi = declared_out.get(name) or _value_info(name, feeds.get(name), types, shape=False)
        if vi is None:
            return None
        outs.append(vi)
    graph = onnx.helper.make_graph(
        nodes, f"{g.name or 'graph'}_reduced", inputs, outs,
        initializer=[inits[v] for v in reads if v in inits],
        value_info=[vi for vi in g.value_info if vi.name in produced and vi.name not in outputs])
    out = onnx.helper.make_model(graph, opset_imports=list(model.opset_import), ir_version=model.ir_version,
                                 producer_name="convtrack reduce")
    out.functions.extend(model.functions)
    return out


def expose(model: Any, names: Iterable[str], types: Mapping[str, Any] | None = None) -> Any:
    """A copy of the model that also outputs `names` (typed where the type is known: onnxruntime needs it)."""
    import onnx

    out = copy.deepcopy(model)
    have = {o.name for o in out.graph.output}
    for name in names:
        if name in have:
            continue
        vi = _value_info(name, None, types or {}, shape=False) or onnx.ValueInfoProto(name=name)
        out.graph.output.append(vi)
        have.add(name)
    return out


def produced(model: Any) -> list[str]:
    """Every value a node of the main graph produces, in node order."""
    return [o for n in model.graph.node for o in n.output if o]


def float64(model: Any) -> Any:
    """The float64 twin: float32 types, initializers, constants and casts widened, in every (sub)graph."""
    out = copy.deepcopy(model)
    _widen_graph(out.graph)
    for fn in out.functions:
        for node in fn.node:
            _widen_node(node)
    return out


def _widen_graph(graph: Any) -> None:
    import onnx

    for vi in [*graph.input, *graph.output, *graph.value_info]:
        if vi.type.tensor_type.elem_type == onnx.TensorProto.FLOAT:
            vi.type.tensor_type.elem_type = onnx.TensorProto.DOUBLE
    for i, t in enumerate(graph.initializer):
        graph.initializer[i].CopyFrom(_widen_tensor(t))
    for node in graph.node:
        _widen_node(node)


def _widen_node(node: Any) -> None:
    import onnx

    for attr in node.attribute:
        if attr.HasField("t"):
            attr.t.CopyFrom(_widen_tensor(attr.t))
        if node.op_type in ("Cast", "EyeLike", "RandomNormal", "RandomUniform") and attr.name in ("to", "dtype") \
                and attr.i == onnx.TensorProto.FLOAT:
            attr.i = onnx.TensorProto.DOUBLE
        for g in [attr.g] if attr.HasField("g") else []:
            _widen_graph(g)
        for g in attr.graphs:
            _widen_graph(g)


def _widen_tensor(t: Any) -> Any:
    import numpy as np
    import onnx
    from onnx import numpy_helper

    if t.data_type != onnx.TensorProto.FLOAT:
        return t
    return numpy_helper.from_array(numpy_helper.to_array(t).astype(np.float64), t.name)
