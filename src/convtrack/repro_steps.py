"""The code a repro script runs after the case: the converter's calls and the harness's stages, as Python text.

Each piece mirrors one harness function (named in its comment) so the script converts, checks, runs and compares
exactly as the record was made; the helpers the converter adapter defines at module level (flatten, the dynamic
shape mapping) are copied from its source, so they cannot drift. The settings the text reads (OPSET, MODE,
RECORDED, RTOL, ATOL, EXPORT, ENTRY) are written above it by convtrack.repro.
"""

from __future__ import annotations

import ast
import functools
import importlib.resources

TORCH = '''
import inspect
import warnings

import numpy as np
import torch


def load():  # TorchOnnx.load / seed
    torch.set_num_threads(1)
    torch.manual_seed(0)


def tensors(inputs):
    return tuple(torch.from_numpy(a.copy()) if hasattr(a, "dtype") else a for a in inputs)


def reference(model, inputs):  # TorchOnnx.reference: the framework's own outputs
    with torch.no_grad():
        return flatten(model(*tensors(inputs)))


def convert(model, inputs, path):  # TorchOnnx.convert
    args = tensors(inputs)
    names = [f"input_{i}" for i in range(len(args))]
    dynamic = {int(i): [int(d) for d in dims] for i, dims in EXPORT.get("dynamic", {}).items()}
    params = inspect.signature(torch.onnx.export).parameters
    with warnings.catch_warnings(), (torch.no_grad() if EXPORT.get("export_no_grad") else _null()):
        warnings.simplefilter("ignore")
        if MODE == "dynamo" and "dynamo" in params and (not dynamic or "dynamic_shapes" in params):
            kwargs = {"opset_version": OPSET, "dynamo": True}
            if dynamic:
                kwargs["dynamic_shapes"] = _dynamic_shapes(model, args, dynamic)
            if "external_data" in params:
                kwargs["external_data"] = False
            torch.onnx.export(model, args, **kwargs).save(path)  # `optimize` at the release's default
        elif MODE == "dynamo":  # torch 2.1-2.4: dynamo_export, fixed at opset 18
            options = torch.onnx.ExportOptions(dynamic_shapes=True) if dynamic else None
            torch.onnx.dynamo_export(model, *args, export_options=options).save(path)
        else:  # the TorchScript exporter; from 2.9 the default is dynamo, so say which
            kwargs = {"opset_version": OPSET, "input_names": names}
            if dynamic:
                kwargs["dynamic_axes"] = {names[i]: dims for i, dims in dynamic.items()}
            if "dynamo" in params:
                kwargs["dynamo"] = False
            torch.onnx.export(model, args, path, **kwargs)


def _null():
    import contextlib

    return contextlib.nullcontext()
'''

TF2ONNX = '''
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")  # oneDNN reorders float sums: references stay stable
os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")

import warnings

import numpy as np
import tensorflow as tf
import tf2onnx


def load():  # Tf2Onnx.load / seed
    try:
        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    except RuntimeError:
        pass
    tf.random.set_seed(0)
    try:
        import keras

        keras.utils.set_random_seed(0)
    except (ImportError, AttributeError):
        pass


def is_keras(model):
    types = [tf.keras.Model]
    try:
        import keras

        types.append(keras.Model)
    except ImportError:
        pass
    return isinstance(model, tuple(types))


def function(model):
    return model if hasattr(model, "get_concrete_function") else tf.function(model)


def reference(model, inputs):  # Tf2Onnx.reference
    tensors = [tf.constant(a) for a in inputs]
    if is_keras(model):
        out = model(tensors[0] if len(tensors) == 1 else tensors, training=False)
    else:
        out = function(model)(*tensors)
    return [np.asarray(t.numpy() if hasattr(t, "numpy") else t) for t in tf.nest.flatten(out)]


def convert(model, inputs, path):  # Tf2Onnx.convert
    own = getattr(model, "input_signature", None)
    if own and not is_keras(model):
        spec = list(own)
    else:
        spec = [tf.TensorSpec(a.shape, tf.as_dtype(a.dtype), name=f"input_{i}") for i, a in enumerate(inputs)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if is_keras(model):
            tf2onnx.convert.from_keras(model, input_signature=spec, opset=OPSET, output_path=path)
        else:
            tf2onnx.convert.from_function(function(model), input_signature=spec, opset=OPSET, output_path=path)
'''

STEPS = '''
import sys
import tempfile
import traceback

import onnx
import onnxruntime as ort


def check(path):  # stages.check: the invalid_model stage
    onnx.checker.check_model(path)
    onnx.shape_inference.infer_shapes(onnx.load(path), check_type=True, strict_mode=True)


def session(path):  # stages.session: the load_error stage
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.log_severity_level = 3
    return ort.InferenceSession(path, options, providers=["CPUExecutionProvider"])


def declared(path):  # the graph outputs' declared shapes (int dims, symbolic names, None)
    shapes = []
    for out in onnx.load(path).graph.output:
        t = out.type.tensor_type
        dims = None
        if out.type.WhichOneof("value") == "tensor_type" and t.HasField("shape"):
            dims = [d.dim_value if d.HasField("dim_value") else (d.dim_param or None) for d in t.shape.dim]
        shapes.append(dims)
    return shapes


def compare(expected, actual, shapes):  # compare.compare: wrong_shape, then mismatch, else pass
    if len(expected) != len(actual):
        return "wrong_shape", f"{len(actual)} outputs, the framework gives {len(expected)}"
    verdict, notes = "pass", []
    for i, (e, a) in enumerate(zip(expected, actual)):
        e, a = np.asarray(e), np.asarray(a)
        dims = shapes[i] if i < len(shapes) else None
        declared_ok = dims is None or (len(dims) == e.ndim and all(
            not isinstance(d, int) or d == n for d, n in zip(dims, e.shape)))
        if e.shape != a.shape or e.dtype != a.dtype or not declared_ok:
            return "wrong_shape", (f"output {i}: onnxruntime {a.dtype}{list(a.shape)}, framework "
                                   f"{e.dtype}{list(e.shape)}, the model declares {dims}")
        if e.dtype.kind in "fc" or a.dtype.kind in "fc":
            e64, a64 = e.astype(np.float64), a.astype(np.float64)
            with np.errstate(invalid="ignore", over="ignore"):
                ok = np.abs(a64 - e64) <= ATOL[min(i, len(ATOL) - 1)] + RTOL * np.abs(e64)
            ok &= np.isfinite(e64) & np.isfinite(a64)
            ok |= (np.isnan(e64) & np.isnan(a64)) | (np.isinf(e64) & np.isinf(a64) & (np.sign(e64) == np.sign(a64)))
        else:  # integers and booleans compare exactly
            ok = e == a
        if not ok.all():
            diff = np.abs(e.astype(np.float64) - a.astype(np.float64))
            verdict = "mismatch"
            notes.append(f"output {i}: {int((~ok).sum())} of {ok.size} elements differ, max |diff| "
                         f"{np.nanmax(diff) if diff.size else 0:g} (atol {ATOL[min(i, len(ATOL) - 1)]:g}, "
                         f"rtol {RTOL:g})")
    return verdict, "; ".join(notes)


RANK = ["convert_error", "invalid_model", "load_error", "run_error", "wrong_shape", "mismatch", "pass"]


def attempt():
    """The first stage that fails wins, as in the harness; (outcome, detail)."""
    load()
    model, inputs = globals()[ENTRY]()
    references = [reference(model, x) for x in inputs]
    path = tempfile.mkdtemp(prefix="repro-") + "/model.onnx"
    stage = "convert_error"
    try:
        convert(model, inputs[0], path)
        stage = "invalid_model"
        check(path)
        stage = "load_error"
        sess = session(path)
        stage = "run_error"
        outputs = [run(sess, x) for x in inputs]
    except Exception as exc:  # noqa: BLE001 - the failure is the result
        traceback.print_exc()
        return stage, f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
    shapes = declared(path)
    worst = ("pass", "")
    for seed, (expected, actual) in enumerate(zip(references, outputs)):
        verdict, detail = compare(expected, actual, shapes)
        if RANK.index(verdict) < RANK.index(worst[0]):
            worst = (verdict, f"seed {seed}: {detail}")
    return worst


def main():
    outcome, detail = attempt()
    print(f"outcome: {outcome}" + (f" ({detail})" if detail else ""))
    print(f"recorded: {RECORDED}")
    if outcome == "pass":
        print("the recorded failure does not reproduce" if RECORDED != "pass" else "passes, as recorded")
        return 0
    if outcome == RECORDED:
        print("REPRODUCED")
        return 1
    print("another failure than the recorded one")
    return 2


if __name__ == "__main__":
    sys.exit(main())
'''


@functools.cache
def converter_code(converter: str) -> str:
    """The converter part of a script: imports, load/reference/convert, and the adapter's own helpers."""
    if converter == "tf2onnx":
        return TF2ONNX
    if converter != "torch.onnx":
        raise ValueError(f"no repro code for converter {converter!r}")
    helpers = ("_leaves", "flatten", "_dynamic_shapes", "_bind_varargs")
    return TORCH + "\n\n" + "\n\n".join(cell_function("converters/torch_onnx.py", f) for f in helpers)


@functools.cache
def run_code() -> str:
    """stages.run (feed by position, survivors by name) as the script's `run`."""
    return cell_function("stages.py", "run")


def cell_function(module: str, name: str) -> str:
    """The source of a top-level function of a convtrack.cell module, read as package data: the host never imports
    cell modules (their imports are the cell's), it only copies their text."""
    text = importlib.resources.files("convtrack.cell").joinpath(module).read_text()
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef) and node.name == name:
            return (ast.get_source_segment(text, node) or "") + "\n"
    raise LookupError(f"convtrack/cell/{module} has no function {name}")
