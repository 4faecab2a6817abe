"""The stages of one task inside a cell: build -> reference -> convert -> check -> load -> run -> compare.

Each stage raises `StageFailure` carrying the outcome it stands for, so the first stage that failed wins.
Only numpy, onnx and onnxruntime are used here; the framework lives behind the converter.

The harness is never the converter: an exception is charged to the stage's outcome only when it comes from
the framework, the converter or the model. It becomes a harness outcome (with a `reason`) when it is
- the environment's (ENOSPC, quota, too many open files: `env_error`),
- convtrack's own code (the adapter calling a converter's API wrongly, or an exporter failing while it traces
  convtrack's own Python, e.g. the synthetic generator's modules: `harness_error`),
- an interruption (`KeyboardInterrupt`, `SystemExit` raised inside a task: `harness_error`).
"""

from __future__ import annotations

import collections
import errno
import re
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import convtrack
from convtrack import converter_info
from convtrack.outcomes import Outcome, is_unsupported_op, signature
from convtrack.protocol import Result
from convtrack.suite import CASE_MODULE

T = TypeVar("T")
_ORT_STATUS = re.compile(r"\[ONNXRuntimeError\]\s*:\s*\d+\s*:\s*([A-Z_]+)")
# errnos that say the machine, not the converter, failed (disk full, quota, descriptor or memory exhaustion).
ENV_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EMFILE, errno.ENFILE, errno.ENOMEM, errno.EROFS,
                        errno.EIO})
_ENV_TEXT = re.compile(r"No space left on device|Disk quota exceeded|Too many open files|Read-only file system")
PACKAGE_DIR = Path(convtrack.__file__).resolve().parent
_USER_FILE = re.compile(r'File "([^"]+\.py)", line \d+')


class StageFailure(Exception):
    def __init__(self, outcome: Outcome, exc: BaseException, tags: list[str] | None = None,
                 reason: str | None = None) -> None:
        super().__init__(str(exc))
        self.outcome = outcome
        self.exc = exc
        self.tags = tags or []
        self.reason = reason  # set for harness outcomes: why the harness, not the converter, is to blame

    @property
    def root(self) -> BaseException:
        """The innermost cause: wrappers such as OnnxExporterError say little on their own."""
        return chain(self.exc)[-1]

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

    def result(self, timings: dict[str, float]) -> Result:
        """The worker's result for this failure."""
        out: Result = {"outcome": self.outcome.value, "signature": self.signature, "error": self.error,
               "timings": timings, "tags": self.tags, "where": where(self.root)}
        if self.reason:
            out["reason"] = self.reason
        return out


def chain(exc: BaseException) -> list[BaseException]:
    """The exception and its causes, outermost first (cycles cut), as Python prints them: an implicit context that
    `raise ... from None` (or an explicit cause) suppressed is not followed, so the root is the error that was
    raised, not one handled on the way (torch.export's "Could not guard on data-dependent expression" was recorded
    as the IndexError it had caught)."""
    out, seen = [exc], {id(exc)}
    while (nxt := _cause(out[-1])) is not None and id(nxt) not in seen:
        seen.add(id(nxt))
        out.append(nxt)
    return out


def _cause(exc: BaseException) -> BaseException | None:
    return exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)


# convtrack modules that run a model's own ops (the synthetic graphs' forward): an exporter failing on a line
# there fails on one of the model's ops, which is converter behaviour, not the harness's.
MODEL_MODULES = frozenset({"synthetic_torch.py"})


# An environment's installed packages are never convtrack's own code, even when the environment sits inside the
# package's folder (nox puts its .nox beside the noxfile, which lives in convtrack/sessions/): transformers' or
# timm's modules failing under an exporter are the model's, charged to the converter (measured: 24 tasks of
# torch 2.12.1 were wrongly harness_error so).
INSTALLED = frozenset({"site-packages", "dist-packages"})


def _own_file(filename: str) -> bool:
    """A file of convtrack's own package (the harness), not a case file, a framework's or model-op code."""
    try:
        path = Path(filename).resolve()
    except (OSError, ValueError):
        return False
    if not _in_package(path) or path.name in MODEL_MODULES:
        return False
    return not INSTALLED.intersection(path.relative_to(PACKAGE_DIR).parts)


def _in_package(path: Path) -> bool:
    """`path` lies under convtrack's package folder (no Path.is_relative_to: the cell side runs on Python 3.8)."""
    return path == PACKAGE_DIR or PACKAGE_DIR in path.parents


WHERE_FRAMES = 4  # enough to tell the converter's frame from the adapter's that called it


def where(exc: BaseException, frames: int = WHERE_FRAMES) -> list[str]:
    """The innermost `frames` frames of `exc`'s traceback, outermost first, as "path:line function" with the path
    cut to what follows site-packages (or convtrack's package folder): whose code raised it, without machine paths."""
    return [f"{_short(f.filename)}:{f.lineno} {f.name}" for f in traceback.extract_tb(exc.__traceback__)[-frames:]]


def _short(filename: str) -> str:
    path = Path(filename)
    cut = max((i for i, part in enumerate(path.parts) if part in INSTALLED), default=None)
    if cut is not None:
        return "/".join(path.parts[cut + 1:])
    try:
        resolved = path.resolve()
    except (OSError, ValueError):
        return path.name
    if _in_package(resolved):
        return str(resolved.relative_to(PACKAGE_DIR.parent))
    return path.name  # a case file or a script: its name alone, no machine path


def environment_fault(exc: BaseException) -> str | None:
    """Why `exc` is the machine's fault (disk full, ...), or None."""
    for e in chain(exc):
        if isinstance(e, OSError) and e.errno in ENV_ERRNOS:
            return f"environment: {type(e).__name__} errno {errno.errorcode.get(e.errno or 0, e.errno)}: {e}"
        m = _ENV_TEXT.search(str(e))
        if m:
            return f"environment: {m.group(0)} ({type(e).__name__})"
    return None


def harness_fault(exc: BaseException) -> str | None:
    """Why `exc` is convtrack's own fault, or None.

    Three shapes: a TypeError/AttributeError/NameError whose innermost frame is in convtrack's package (the adapter
    called an API wrongly: a TypeError for an unknown keyword is raised in the caller's frame, i.e. ours), an
    exporter's message points into convtrack's package ("from user code: File .../convtrack/synthetic.py"),
    i.e. the exporter failed while tracing convtrack's own Python rather than the model's, or a tracer failed to
    import a case file by the module name our loader gave it (run 41dcf1's seq_tcn on torch 2.3.1, before the
    loader registered it: "No module named 'convtrack_case_models_seq_tcn'").
    """
    root = chain(exc)[-1]
    frames = traceback.extract_tb(root.__traceback__)
    misuse = isinstance(root, (TypeError, AttributeError, NameError))  # wrong keyword, arity, missing API
    if misuse and frames and _own_file(frames[-1].filename):
        where = f"{Path(frames[-1].filename).name}:{frames[-1].lineno}"
        return f"harness: convtrack's own code raised {type(root).__name__} at {where} (adapter misuse of the API?)"
    for e in chain(exc):
        if f"No module named '{CASE_MODULE}" in str(e):  # a tracer looked the case up under our module name
            return "harness: the case's module was not importable by the name convtrack's loader gave it"
        named = _USER_FILE.findall(str(e))
        if named and _own_file(named[-1]):  # the innermost frame the exporter reports
            return f"harness: the exporter failed while tracing convtrack's own code ({Path(named[-1]).name})"
    return None


def timed(timings: dict[str, float], key: str, outcome: Outcome, fn: Callable[[], T]) -> T:
    start = time.perf_counter()
    try:
        return fn()
    except StageFailure:
        raise
    except Exception as exc:  # every stage failure is data, not a harness crash
        raise classify(key, outcome, exc) from exc
    except (KeyboardInterrupt, SystemExit) as exc:  # an interruption is never the converter's verdict
        raise StageFailure(Outcome.HARNESS_ERROR, exc, reason=f"interrupted: {type(exc).__name__}"
                           f"{exc.args!r} raised during the {_stage(key)} stage") from exc
    finally:
        timings[key] = round(time.perf_counter() - start, 4)


def classify(key: str, outcome: Outcome, exc: Exception) -> StageFailure:
    """The StageFailure for an exception raised in stage `key` (whose own outcome is `outcome`)."""
    env = environment_fault(exc)
    if env:
        return StageFailure(Outcome.ENV_ERROR, exc, reason=f"{env} (during {_stage(key)})")
    if outcome is not Outcome.BUILD_ERROR:  # build runs the case's code, which may live anywhere
        own = harness_fault(exc)
        if own:
            return StageFailure(Outcome.HARNESS_ERROR, exc, reason=own)
    tags = []
    if outcome is Outcome.CONVERT_ERROR and is_unsupported_op(str(exc)):
        tags.append("unsupported_op")
    if outcome in (Outcome.LOAD_ERROR, Outcome.RUN_ERROR):
        m = _ORT_STATUS.search(str(exc))
        if m:
            tags.append(f"ort:{m.group(1)}")
    return StageFailure(outcome, exc, tags)


STRICT_INFERENCE = "strict_shape_inference"  # the tag of an invalid_model that onnx.checker alone accepts


def check(path: Path) -> None:
    """onnx.checker plus strict shape inference, as the taxonomy's invalid_model stage. A model the checker accepts
    and strict inference rejects is tagged so: onnxruntime may still load and run it, and a reader must tell the
    two verdicts apart."""
    import onnx

    onnx.checker.check_model(str(path))
    model = onnx.load(str(path))
    try:
        onnx.shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    except Exception as exc:
        raise StageFailure(Outcome.INVALID_MODEL, exc, [STRICT_INFERENCE]) from exc


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


def produced_opset(path: Path) -> int | None:
    """The ai.onnx opset the model imports (an exporter may not honour the requested one)."""
    import onnx

    model = onnx.load(str(path), load_external_data=False)
    return next((int(o.version) for o in model.opset_import if o.domain in ("", "ai.onnx")), None)


def declared_outputs(path: Path) -> list[dict[str, Any]]:
    """The graph outputs as the model declares them: name, shape (int dims, symbolic names, None), dtype."""
    import onnx

    model = onnx.load(str(path), load_external_data=False)
    return [_declared(out, onnx) for out in model.graph.output]


def _declared(value_info: Any, onnx: Any) -> dict[str, Any]:
    kind = value_info.type.WhichOneof("value")
    if kind != "tensor_type":  # sequences, maps, optionals: no tensor shape to declare
        return {"name": value_info.name, "shape": None, "dtype": str(kind)}
    tensor = value_info.type.tensor_type
    shape: list[int | str | None] | None = None
    if tensor.HasField("shape"):
        shape = [_dim(d) for d in tensor.shape.dim]
    return {"name": value_info.name, "shape": shape, "dtype": _dtype_name(tensor.elem_type, onnx)}


def _dim(dim: Any) -> int | str | None:
    which = dim.WhichOneof("value")
    if which == "dim_value":
        return int(dim.dim_value)
    return str(dim.dim_param) if which == "dim_param" else None


def _dtype_name(elem_type: int, onnx: Any) -> str:
    try:
        import numpy as np

        return str(np.dtype(onnx.helper.tensor_dtype_to_np_dtype(elem_type)))
    except (AttributeError, KeyError, TypeError, ValueError):  # old onnx, or bfloat16/float8 without numpy types
        return str(onnx.TensorProto.DataType.Name(elem_type)).lower()


# Types a CASE value must have where the worker reads it (a malformed value is the case's fault, not the
# converter's: the task gets harness_error naming key and value).
_META_TYPES: dict[str, tuple[type, ...]] = {
    "min_opset": (int,), "rtol": (int, float), "atol": (int, float), "timeout": (int, float),
    "modes": (list, tuple), "requires": (list, tuple),
}


def meta_problem(meta: dict[str, Any]) -> str | None:
    """What is wrong with a case's CASE values, naming key and value, or None (its converter's export options
    are checked by their own description, converter_info)."""
    info = converter_info.known().get(str(meta.get("converter")))
    for key, option in (info.export_options.items() if info else ()):
        if key in meta and not option.accepts(meta[key]):
            return f"case metadata: key 'CASE.{key}': value {meta[key]!r}: expected {option.words}"
    for key, types in _META_TYPES.items():
        if key not in meta:
            continue
        value = meta[key]
        if isinstance(value, bool) and bool not in types or not isinstance(value, types):
            names = " or ".join(t.__name__ for t in types)
            return f"case metadata: key 'CASE.{key}': value {value!r}: expected {names}"
        if key in ("rtol", "atol", "timeout") and not float(meta[key]) >= 0:
            return f"case metadata: key 'CASE.{key}': value {value!r}: expected a non-negative number"
    return None


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
        # a plain zip (lengths checked above): repro scripts copy this function without convtrack's helpers
        feed = {d.name: a for d, a in zip(declared, arrays)}  # noqa: B905
    else:
        by_name = {f"input_{i}": a for i, a in enumerate(arrays)}
        missing = [d.name for d in declared if d.name not in by_name]
        if missing:
            raise ValueError(f"model declares {len(declared)} inputs, case gives {len(arrays)}; unmatched {missing}")
        feed = {d.name: by_name[d.name] for d in declared}
    return list(sess.run(None, feed))


def _stage(key: str) -> str:
    """'convert_s' -> 'convert' (no str.removesuffix: the cell side runs on Python 3.8)."""
    return key[:-2] if key.endswith("_s") else key
