"""The stages of one task inside a cell: build -> reference -> convert -> check -> load -> run -> compare.

Each stage raises `StageFailure` carrying the outcome it stands for, so the first stage that failed wins.
Only numpy, onnx and onnxruntime are used here; the framework lives behind the converter.
"""

from __future__ import annotations

import collections
import re
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from convtrack.outcomes import Outcome, is_unsupported_op, signature

T = TypeVar("T")
_ORT_STATUS = re.compile(r"\[ONNXRuntimeError\]\s*:\s*\d+\s*:\s*([A-Z_]+)")


class StageFailure(Exception):
    def __init__(self, outcome: Outcome, exc: BaseException, tags: list[str] | None = None) -> None:
        super().__init__(str(exc))
        self.outcome = outcome
        self.exc = exc
        self.tags = tags or []

    @property
    def root(self) -> BaseException:
        """The innermost cause: wrappers such as OnnxExporterError say little on their own."""
        exc, seen = self.exc, {id(self.exc)}
        while (nxt := exc.__cause__ or exc.__context__) is not None and id(nxt) not in seen:
            seen.add(id(nxt))
            exc = nxt
        return exc

    @property
    def signature(self) -> str:
        root = self.root
        inner = signature(type(root).__name__, str(root))
        return inner if root is self.exc else f"{type(self.exc).__name__} <- {inner}"[:240]

    @property
    def error(self) -> str:
        parts = [self.exc] if self.root is self.exc else [self.exc, self.root]
        text = "\n".join("".join(traceback.format_exception_only(type(e), e)).strip() for e in parts)
        return text[:2000]


def timed(timings: dict[str, float], key: str, outcome: Outcome, fn: Callable[[], T]) -> T:
    start = time.perf_counter()
    try:
        return fn()
    except Exception as exc:  # every stage failure is data, not a harness crash
        tags = []
        if outcome is Outcome.CONVERT_ERROR and is_unsupported_op(str(exc)):
            tags.append("unsupported_op")
        if outcome in (Outcome.LOAD_ERROR, Outcome.RUN_ERROR):
            m = _ORT_STATUS.search(str(exc))
            if m:
                tags.append(f"ort:{m.group(1)}")
        raise StageFailure(outcome, exc, tags) from exc
    finally:
        timings[key] = round(time.perf_counter() - start, 4)


def check(path: Path) -> None:
    """onnx.checker plus strict shape inference, as the taxonomy's invalid_model stage."""
    import onnx

    onnx.checker.check_model(str(path))
    model = onnx.load(str(path))
    onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)


def model_info(path: Path) -> dict[str, Any]:
    """Size, op histogram and data-flow op sequences (for coverage) of the converted model."""
    import onnx

    model = onnx.load(str(path))
    hist: collections.Counter[str] = collections.Counter(_op_name(node) for node in model.graph.node)
    return {
        "bytes": path.stat().st_size,
        "nodes": len(model.graph.node),
        "ops": dict(sorted(hist.items())),
        "function_ops": sorted({_op_name(n) for fn in model.functions for n in fn.node}),
        "opset_imports": {(o.domain or "ai.onnx"): o.version for o in model.opset_import},
        "sequences": {str(n): sorted(op_sequences(model.graph, n)) for n in (2, 3)},
    }


def _op_name(node: Any) -> str:
    return f"{node.domain}::{node.op_type}" if node.domain not in ("", "ai.onnx") else str(node.op_type)


def op_sequences(graph: Any, n: int) -> set[str]:
    """Op n-grams along data-flow edges (producer before consumer), as 'A>B>C' strings."""
    producer = {out: node for node in graph.node for out in node.output}
    chains: list[list[Any]] = [[node] for node in graph.node]
    for _ in range(n - 1):
        chains = [[producer[i], *chain] for chain in chains for i in chain[0].input if i in producer]
    return {">".join(_op_name(node) for node in chain) for chain in chains}


def session(path: Path) -> Any:
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.log_severity_level = 3
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def run(sess: Any, inputs: tuple[Any, ...]) -> list[Any]:
    """Feed by position; when the exporter dropped unused inputs, match the survivors by name."""
    declared = sess.get_inputs()
    arrays = [a for a in inputs if hasattr(a, "dtype")]
    if len(declared) == len(arrays):
        feed = {d.name: a for d, a in zip(declared, arrays, strict=True)}
    else:
        by_name = {f"input_{i}": a for i, a in enumerate(arrays)}
        missing = [d.name for d in declared if d.name not in by_name]
        if missing:
            raise ValueError(f"model declares {len(declared)} inputs, case gives {len(arrays)}; unmatched {missing}")
        feed = {d.name: by_name[d.name] for d in declared}
    return list(sess.run(None, feed))
