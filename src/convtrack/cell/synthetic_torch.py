"""The torch side of the synthetic generator (inside a cell): a generated Graph as a torch module.

The module interprets the graph node by node, so both the TorchScript tracer and torch.export see plain torch
calls; parameters are drawn from a torch.Generator seeded with the graph's seed. This file is part of every
synthetic case's hash (convtrack.synthetic.SOURCES).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from convtrack.synthetic_graph import BINARY, F32, I64, Graph, Node


def build(g: Graph) -> tuple[Any, list[tuple[Any, ...]]]:
    """The torch module of the graph and three seeded input sets (floats in [-1, 1), ints in [-5, 5))."""
    import numpy as np

    inputs = []
    for i in range(3):
        rng = np.random.default_rng([g.seed, g.size, i])
        inputs.append(tuple(rng.uniform(-1, 1, v.shape).astype(F32) if v.dtype == F32
                            else rng.integers(-5, 5, v.shape).astype(I64) for v in g.inputs))
    return module(g), inputs


def module(g: Graph) -> Any:
    import torch

    gen = torch.Generator().manual_seed(g.seed)

    def rand(*shape: int, scale: float = 1.0) -> Any:
        return (torch.rand(shape, generator=gen) * 2 - 1) * scale

    class Synthetic(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.graph_text = g.text()
            self.params = torch.nn.ParameterDict()
            for i, n in enumerate(g.nodes):
                x = g.values[n.args[0]]
                key = f"n{i}"
                if n.op == "linear":
                    self.params[key + "w"] = torch.nn.Parameter(rand(n.attr("out"), x.shape[-1],
                                                                     scale=x.shape[-1] ** -0.5))
                    if n.attr("bias"):
                        self.params[key + "b"] = torch.nn.Parameter(rand(n.attr("out")))
                elif n.op == "conv2d":
                    fan_in = x.shape[1] * n.attr("kernel") ** 2
                    self.params[key + "w"] = torch.nn.Parameter(
                        rand(n.attr("out"), x.shape[1], n.attr("kernel"), n.attr("kernel"), scale=fan_in ** -0.5))
                    self.params[key + "b"] = torch.nn.Parameter(rand(n.attr("out")))
                elif n.op == "layer_norm":
                    self.params[key + "w"] = torch.nn.Parameter(1 + 0.1 * rand(x.shape[-1]))
                    self.params[key + "b"] = torch.nn.Parameter(0.1 * rand(x.shape[-1]))
                elif n.op == "batch_norm":
                    c = x.shape[1]
                    self.register_buffer(key + "mean", 0.1 * rand(c))
                    self.register_buffer(key + "var", 1 + 0.5 * rand(c).abs())
                    self.params[key + "w"] = torch.nn.Parameter(1 + 0.1 * rand(c))
                    self.params[key + "b"] = torch.nn.Parameter(0.1 * rand(c))
                elif "const" in dict(n.attrs):
                    c = rand(*n.attr("const"))
                    self.register_buffer(key + "c", c if x.dtype == F32 else (c * 4).round().to(torch.int64))

        def forward(self, *inputs: Any) -> Any:
            env = list(inputs)
            for i, n in enumerate(g.nodes):
                env.append(_apply(self, f"n{i}", n, [env[a] for a in n.args]))
            return tuple(env[o] for o in g.outputs)

    return Synthetic().eval()


def _apply(m: Any, key: str, n: Node, xs: list[Any]) -> Any:
    import torch
    import torch.nn.functional as F

    x, a = xs[0], dict(n.attrs)
    p = m.params
    if n.op in BINARY:
        y = xs[1] if len(xs) > 1 else getattr(m, key + "c")
        return {"add": torch.add, "sub": torch.sub, "mul": torch.mul, "maximum": torch.maximum,
                "minimum": torch.minimum}[n.op](x, y)
    simple: dict[str, Callable[[], Any]] = {
        "relu": lambda: torch.relu(x), "sigmoid": lambda: torch.sigmoid(x), "tanh": lambda: torch.tanh(x),
        "abs": lambda: torch.abs(x), "neg": lambda: torch.neg(x), "sin": lambda: torch.sin(x),
        "cos": lambda: torch.cos(x), "gelu": lambda: F.gelu(x), "elu": lambda: F.elu(x),
        "leaky_relu": lambda: F.leaky_relu(x, a.get("slope", 0.01)), "softplus": lambda: F.softplus(x),
        "hardswish": lambda: F.hardswish(x), "silu": lambda: F.silu(x), "erf": lambda: torch.erf(x),
        "clamp": lambda: torch.clamp(x, a.get("min"), a.get("max")),
        "sum": lambda: torch.sum(x, a.get("dim"), keepdim=a.get("keepdim")),
        "mean": lambda: torch.mean(x, a.get("dim"), keepdim=a.get("keepdim")),
        "amax": lambda: torch.amax(x, a.get("dim"), keepdim=a.get("keepdim")),
        "softmax": lambda: torch.softmax(x, a.get("dim")), "log_softmax": lambda: torch.log_softmax(x, a.get("dim")),
        "cumsum": lambda: torch.cumsum(x, a.get("dim")),
        "layer_norm": lambda: F.layer_norm(x, n.out.shape[-1:], p[key + "w"], p[key + "b"]),
        "transpose": lambda: torch.transpose(x, *a.get("dims", (0, 1))), "permute": lambda: x.permute(a.get("perm")),
        "reshape": lambda: torch.reshape(x, a.get("shape")), "flatten": lambda: torch.flatten(x, a.get("start", 0)),
        "unsqueeze": lambda: torch.unsqueeze(x, a.get("dim")), "squeeze": lambda: torch.squeeze(x, a.get("dim")),
        "concat": lambda: torch.cat(xs, a.get("dim")), "flip": lambda: torch.flip(x, (a.get("dim"),)),
        "slice": lambda: torch.narrow(x, a["dim"], a["start"], a["stop"] - a["start"])[
            (slice(None),) * a["dim"] + (slice(None, None, a["step"]),)],
        "expand": lambda: x.expand(a.get("shape")), "pad": lambda: F.pad(x, a.get("pads"), value=a.get("value")),
        "linear": lambda: F.linear(x, p[key + "w"], p[key + "b"] if a.get("bias") else None),
        "matmul": lambda: torch.matmul(x, xs[-1]),
        "conv2d": lambda: F.conv2d(x, p[key + "w"], p[key + "b"], a.get("stride"), a.get("padding")),
        "max_pool2d": lambda: F.max_pool2d(x, a.get("kernel")), "avg_pool2d": lambda: F.avg_pool2d(x, a.get("kernel")),
        "batch_norm": lambda: F.batch_norm(x, getattr(m, key + "mean"), getattr(m, key + "var"), p[key + "w"],
                                           p[key + "b"], training=False),
        "floordiv": lambda: torch.floor_divide(x, a.get("divisor")), "to_float": lambda: x.to(torch.float32),
    }
    return simple[n.op]()
