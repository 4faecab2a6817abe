"""The synthetic graph generator: random but valid graphs drawn from a declared operator set (NNSmith-like).

A graph is generated in pure Python from `(seed, size)`: `size` nodes, each an op of `OPS` whose shape and dtype
constraints hold for the values it consumes (float32, and an int64 path when integer ops are declared). The same
`(seed, size, ops)` always gives the same graph, so the host can list a case's ops without torch;
convtrack.cell.synthetic_torch turns a graph into a torch module inside a cell. Every tensor stays at most
`MAX_ELEMENTS` elements and every op is total on its inputs (no division, log or sqrt), so a `mismatch` is the
converter's or the runtime's, not a domain error. This file is part of every synthetic case's hash
(convtrack.synthetic.SOURCES): editing it makes older records of synthetic cases not comparable.
"""

from __future__ import annotations

import dataclasses
import math
import random
from collections.abc import Sequence
from typing import Any, Callable  # noqa: UP035 (subscripted at run time below; the cell side runs on Python 3.8)

F32, I64 = "float32", "int64"
MAX_ELEMENTS = 4096
MAX_RANK = 4
UNARY = ("relu", "sigmoid", "tanh", "abs", "neg", "sin", "cos", "gelu", "elu", "leaky_relu", "softplus",
         "hardswish", "silu", "erf", "clamp")
BINARY = ("add", "sub", "mul", "maximum", "minimum")
INT_OK = {"add", "sub", "mul", "maximum", "minimum", "neg", "abs", "sum", "cumsum", "transpose", "reshape",
          "flatten", "unsqueeze", "squeeze", "concat", "slice", "flip", "expand", "permute", "floordiv", "to_float"}


@dataclasses.dataclass(frozen=True)
class Value:
    shape: tuple[int, ...]
    dtype: str


@dataclasses.dataclass(frozen=True)
class Node:
    op: str
    args: tuple[int, ...]
    attrs: tuple[tuple[str, Any], ...]
    out: Value

    def attr(self, key: str) -> Any:
        return dict(self.attrs)[key]


@dataclasses.dataclass
class Graph:
    seed: int
    size: int
    inputs: list[Value]
    nodes: list[Node] = dataclasses.field(default_factory=list)

    @property
    def values(self) -> list[Value]:
        return [*self.inputs, *(n.out for n in self.nodes)]

    @property
    def outputs(self) -> list[int]:
        used = {a for n in self.nodes for a in n.args}
        first = len(self.inputs)
        return [i for i in range(first, first + len(self.nodes)) if i not in used]

    @property
    def ops(self) -> list[str]:
        return sorted({n.op for n in self.nodes})

    def text(self) -> str:
        """A stable, readable listing: same text = same graph."""
        def ty(v: Value) -> str:
            return f"{'f32' if v.dtype == F32 else 'i64'}[{','.join(map(str, v.shape))}]"
        lines = [f"# synthetic seed={self.seed} size={self.size}"]
        lines += [f"%{i}: {ty(v)} = input" for i, v in enumerate(self.inputs)]
        for i, n in enumerate(self.nodes, len(self.inputs)):
            attrs = "".join(f", {k}={v}" for k, v in n.attrs)
            lines.append(f"%{i}: {ty(n.out)} = {n.op}({', '.join(f'%{a}' for a in n.args)}{attrs})")
        lines.append("return " + ", ".join(f"%{i}" for i in self.outputs))
        return "\n".join(lines)


def _numel(shape: Sequence[int]) -> int:
    return math.prod(shape)


def _broadcastable(a: Sequence[int], b: Sequence[int]) -> bool:
    return all(x == y or x == 1 or y == 1 for x, y in zip(reversed(a), reversed(b)))  # noqa: B905


def _broadcast(a: Sequence[int], b: Sequence[int]) -> tuple[int, ...]:
    n = max(len(a), len(b))
    pa, pb = [1] * (n - len(a)) + list(a), [1] * (n - len(b)) + list(b)
    return tuple(max(x, y) for x, y in zip(pa, pb))  # noqa: B905 (both padded to n; cells run on Python 3.9)


# Each rule takes (rng, graph, index of the primary input) and returns the node, or None when the op's shape or
# dtype constraints cannot hold for that input.
Rule = Callable[[random.Random, Graph, int], "Node | None"]


def _unary(op: str) -> Rule:
    def rule(rng: random.Random, g: Graph, x: int) -> Node | None:
        v = g.values[x]
        attrs: tuple[tuple[str, Any], ...] = ()
        if op == "clamp":
            lo = rng.choice((-1.0, -0.5, 0.0))
            attrs = (("min", lo), ("max", lo + rng.choice((0.5, 1.0, 2.0))))
        elif op == "leaky_relu":
            attrs = (("slope", rng.choice((0.01, 0.1, 0.2))),)
        return Node(op, (x,), attrs, v)
    return rule


def _binary(op: str) -> Rule:
    def rule(rng: random.Random, g: Graph, x: int) -> Node | None:
        v = g.values[x]
        peers = [i for i, w in enumerate(g.values) if i != x and w.dtype == v.dtype
                 and _broadcastable(v.shape, w.shape) and _numel(_broadcast(v.shape, w.shape)) <= MAX_ELEMENTS]
        if peers and rng.random() < 0.7:
            y = rng.choice(peers)
            return Node(op, (x, y), (), Value(_broadcast(v.shape, g.values[y].shape), v.dtype))
        k = rng.randint(0, len(v.shape))  # a constant operand over the trailing dims, some of them broadcast
        const = tuple(d if rng.random() < 0.7 else 1 for d in v.shape[len(v.shape) - k:])
        return Node(op, (x,), (("const", const),), v)
    return rule


def _reduce(op: str) -> Rule:
    def rule(rng: random.Random, g: Graph, x: int) -> Node | None:
        v = g.values[x]
        if not v.shape:
            return None
        dim, keep = rng.randrange(len(v.shape)), rng.random() < 0.5
        shape = list(v.shape)
        if keep:
            shape[dim] = 1
        else:
            del shape[dim]
        if not shape:
            return None
        return Node(op, (x,), (("dim", dim), ("keepdim", keep)), Value(tuple(shape), v.dtype))
    return rule


def _along_dim(op: str) -> Rule:  # softmax, log_softmax, cumsum, layer_norm (last dim)
    def rule(rng: random.Random, g: Graph, x: int) -> Node | None:
        v = g.values[x]
        if not v.shape:
            return None
        dim = len(v.shape) - 1 if op == "layer_norm" else rng.randrange(len(v.shape))
        return Node(op, (x,), (("dim", dim),), v)
    return rule


def _transpose(rng: random.Random, g: Graph, x: int) -> Node | None:
    v = g.values[x]
    if len(v.shape) < 2:
        return None
    a, b = sorted(rng.sample(range(len(v.shape)), 2))
    shape = list(v.shape)
    shape[a], shape[b] = shape[b], shape[a]
    return Node("transpose", (x,), (("dims", (a, b)),), Value(tuple(shape), v.dtype))


def _permute(rng: random.Random, g: Graph, x: int) -> Node | None:
    v = g.values[x]
    if len(v.shape) < 3:
        return None
    perm = list(range(len(v.shape)))
    while perm == sorted(perm):
        rng.shuffle(perm)
    return Node("permute", (x,), (("perm", tuple(perm)),), Value(tuple(v.shape[p] for p in perm), v.dtype))


def _reshape(rng: random.Random, g: Graph, x: int) -> Node | None:
    v = g.values[x]
    shape = list(v.shape)
    if len(shape) >= 2 and (len(shape) >= MAX_RANK or rng.random() < 0.5):  # merge two adjacent dims
        i = rng.randrange(len(shape) - 1)
        shape[i:i + 2] = [shape[i] * shape[i + 1]]
    else:  # split a dim into two factors
        splittable = [i for i, d in enumerate(shape) if any(d % f == 0 for f in range(2, d))]
        if not splittable:
            return None
        i = rng.choice(splittable)
        f = rng.choice([f for f in range(2, shape[i]) if shape[i] % f == 0])
        shape[i:i + 1] = [f, shape[i] // f]
    return Node("reshape", (x,), (("shape", tuple(shape)),), Value(tuple(shape), v.dtype))


def _flatten(rng: random.Random, g: Graph, x: int) -> Node | None:
    v = g.values[x]
    if len(v.shape) < 2:
        return None
    start = rng.randrange(len(v.shape) - 1)
    return Node("flatten", (x,), (("start", start),), Value((*v.shape[:start], _numel(v.shape[start:])), v.dtype))


def _unsqueeze(rng: random.Random, g: Graph, x: int) -> Node | None:
    v = g.values[x]
    if len(v.shape) >= MAX_RANK:
        return None
    dim = rng.randint(0, len(v.shape))
    return Node("unsqueeze", (x,), (("dim", dim),), Value((*v.shape[:dim], 1, *v.shape[dim:]), v.dtype))


def _squeeze(rng: random.Random, g: Graph, x: int) -> Node | None:
    v = g.values[x]
    ones = [i for i, d in enumerate(v.shape) if d == 1]
    if not ones or len(v.shape) < 2:
        return None
    dim = rng.choice(ones)
    return Node("squeeze", (x,), (("dim", dim),), Value(v.shape[:dim] + v.shape[dim + 1:], v.dtype))


def _concat(rng: random.Random, g: Graph, x: int) -> Node | None:
    v = g.values[x]
    if not v.shape:
        return None
    dim = rng.randrange(len(v.shape))
    peers = [i for i, w in enumerate(g.values) if w.dtype == v.dtype and len(w.shape) == len(v.shape)
             and all(a == b for j, (a, b) in enumerate(zip(w.shape, v.shape)) if j != dim)]  # noqa: B905
    args = (x, rng.choice(peers))  # peers includes x itself: concat(x, x) is valid too
    shape = list(v.shape)
    shape[dim] = sum(g.values[a].shape[dim] for a in args)
    if _numel(shape) > MAX_ELEMENTS:
        return None
    return Node("concat", args, (("dim", dim),), Value(tuple(shape), v.dtype))


def _slice(rng: random.Random, g: Graph, x: int) -> Node | None:
    v = g.values[x]
    dims = [i for i, d in enumerate(v.shape) if d >= 2]
    if not dims:
        return None
    dim = rng.choice(dims)
    n = v.shape[dim]
    start = rng.randrange(n - 1)
    stop, step = rng.randint(start + 1, n), rng.choice((1, 1, 2))
    shape = list(v.shape)
    shape[dim] = len(range(start, stop, step))
    return Node("slice", (x,), (("dim", dim), ("start", start), ("stop", stop), ("step", step)),
                Value(tuple(shape), v.dtype))


def _flip(rng: random.Random, g: Graph, x: int) -> Node | None:
    v = g.values[x]
    return Node("flip", (x,), (("dim", rng.randrange(len(v.shape))),), v) if v.shape else None


def _expand(rng: random.Random, g: Graph, x: int) -> Node | None:
    v = g.values[x]
    ones = [i for i, d in enumerate(v.shape) if d == 1]
    if not ones:
        return None
    shape = list(v.shape)
    shape[rng.choice(ones)] = rng.randint(2, 4)
    if _numel(shape) > MAX_ELEMENTS:
        return None
    return Node("expand", (x,), (("shape", tuple(shape)),), Value(tuple(shape), v.dtype))


def _pad(rng: random.Random, g: Graph, x: int) -> Node | None:
    v = g.values[x]
    if not v.shape:
        return None
    pads = (rng.randint(0, 2), rng.randint(1, 2))
    shape = (*v.shape[:-1], v.shape[-1] + sum(pads))
    if _numel(shape) > MAX_ELEMENTS:
        return None
    return Node("pad", (x,), (("pads", pads), ("value", rng.choice((0.0, 0.5)))), Value(shape, v.dtype))


def _linear(rng: random.Random, g: Graph, x: int) -> Node | None:
    v = g.values[x]
    if not v.shape:
        return None
    out = rng.randint(1, 16)
    shape = (*v.shape[:-1], out)
    if _numel(shape) > MAX_ELEMENTS:
        return None
    return Node("linear", (x,), (("out", out), ("bias", rng.random() < 0.7)), Value(shape, v.dtype))


def _matmul(rng: random.Random, g: Graph, x: int) -> Node | None:
    v = g.values[x]
    if len(v.shape) < 2:
        return None
    peers = [i for i, w in enumerate(g.values) if w.dtype == F32 and len(w.shape) == len(v.shape)
             and w.shape[:-2] == v.shape[:-2] and w.shape[-2] == v.shape[-1]]
    if not peers:
        return None
    y = rng.choice(peers)
    shape = (*v.shape[:-1], g.values[y].shape[-1])
    return None if _numel(shape) > MAX_ELEMENTS else Node("matmul", (x, y), (), Value(shape, v.dtype))


def _conv2d(rng: random.Random, g: Graph, x: int) -> Node | None:
    v = g.values[x]
    if len(v.shape) != 4 or v.shape[1] > 16:
        return None
    k, pad, stride = rng.randint(1, 3), rng.randint(0, 1), rng.randint(1, 2)
    hw = [(d + 2 * pad - k) // stride + 1 for d in v.shape[2:]]
    shape = (v.shape[0], rng.randint(1, 8), *hw)
    if min(hw) < 1 or _numel(shape) > MAX_ELEMENTS:
        return None
    return Node("conv2d", (x,), (("out", shape[1]), ("kernel", k), ("padding", pad), ("stride", stride)),
                Value(shape, v.dtype))


def _pool(op: str) -> Rule:
    def rule(rng: random.Random, g: Graph, x: int) -> Node | None:
        v = g.values[x]
        if len(v.shape) != 4 or min(v.shape[2:]) < 2:
            return None
        return Node(op, (x,), (("kernel", 2),), Value((*v.shape[:2], v.shape[2] // 2, v.shape[3] // 2), v.dtype))
    return rule


def _batch_norm(rng: random.Random, g: Graph, x: int) -> Node | None:
    v = g.values[x]
    return Node("batch_norm", (x,), (), v) if len(v.shape) in (2, 4) else None


def _floordiv(rng: random.Random, g: Graph, x: int) -> Node | None:
    return Node("floordiv", (x,), (("divisor", rng.choice((-3, -2, 2, 3))),), g.values[x])


def _to_float(rng: random.Random, g: Graph, x: int) -> Node | None:
    v = g.values[x]
    return Node("to_float", (x,), (), Value(v.shape, F32))


OPS: dict[str, Rule] = {
    **{op: _unary(op) for op in UNARY}, **{op: _binary(op) for op in BINARY},
    **{op: _reduce(op) for op in ("sum", "mean", "amax")},
    **{op: _along_dim(op) for op in ("softmax", "log_softmax", "cumsum", "layer_norm")},
    "transpose": _transpose, "permute": _permute, "reshape": _reshape, "flatten": _flatten,
    "unsqueeze": _unsqueeze, "squeeze": _squeeze, "concat": _concat, "slice": _slice, "flip": _flip,
    "expand": _expand, "pad": _pad, "linear": _linear, "matmul": _matmul, "conv2d": _conv2d,
    "max_pool2d": _pool("max_pool2d"), "avg_pool2d": _pool("avg_pool2d"), "batch_norm": _batch_norm,
    "floordiv": _floordiv, "to_float": _to_float,
}
INT_ONLY = {"floordiv", "to_float"}


def _accepts(op: str, dtype: str) -> bool:
    return op in INT_OK if dtype == I64 else op not in INT_ONLY


def _random_shape(rng: random.Random) -> tuple[int, ...]:
    while True:
        shape = tuple(rng.randint(1, 8) for _ in range(rng.randint(2, MAX_RANK)))
        if 8 <= _numel(shape) <= 1024:
            return shape


def generate(seed: int, size: int, ops: Sequence[str] | None = None) -> Graph:
    """The graph of `size` nodes for `seed`: the same arguments always give the same graph."""
    names = sorted(ops) if ops else sorted(OPS)
    unknown = set(names) - set(OPS)
    if unknown:
        raise ValueError(f"unknown synthetic ops {sorted(unknown)}; declared: {sorted(OPS)}")
    if not any(_accepts(op, F32) for op in names):
        raise ValueError("the op set needs at least one op on float32 tensors")
    rng = random.Random(f"convtrack-synthetic:{seed}:{size}:{','.join(names)}")
    g = Graph(seed, size, [Value(_random_shape(rng), F32)])
    if any(_accepts(op, I64) for op in names) and rng.random() < 0.4:
        g.inputs.append(Value(_random_shape(rng), I64))
    for _ in range(size * 200):
        if len(g.nodes) == size:
            return g
        values = g.values
        if len(g.nodes) < len(g.inputs):
            x = len(g.nodes)  # every input is consumed first, so no exporter drops one
        elif rng.random() < 0.7:
            leaves = g.outputs
            x = leaves[-1 - min(int(rng.expovariate(1.0)), len(leaves) - 1)] if leaves else len(values) - 1
        else:
            x = rng.randrange(len(values))
        candidates = [op for op in names if _accepts(op, values[x].dtype)]
        if not candidates:
            continue
        node = OPS[rng.choice(candidates)](rng, g, x)
        if node is not None and all(_accepts(node.op, values[a].dtype) for a in node.args):
            g.nodes.append(node)
    raise RuntimeError(f"synthetic seed={seed} size={size}: could not place {size} ops from {names}")
