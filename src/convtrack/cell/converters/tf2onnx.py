"""tf2onnx: TensorFlow / Keras models through `tf2onnx.convert.from_keras` or `from_function`.

Which entry point a case uses follows from what its `build()` returns: a `keras.Model` goes through
`from_keras`, a `tf.function` (or a plain callable, wrapped in one) through `from_function`. The input
signature is taken from the seeded inputs (exact shapes and dtypes) unless the tf.function carries its own
`input_signature` (cases with dynamic dimensions declare them there). The reference is TensorFlow's own output
on the same inputs, flattened with `tf.nest` in the order tf2onnx gives the ONNX outputs.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from convtrack.cell.converters.base import Converter
from convtrack.converter_info.tf2onnx import INFO


def _quiet_tensorflow() -> None:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")  # C++ logs: errors only
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")  # oneDNN reorders float sums: keep references stable
    os.environ.setdefault("CUDA_VISIBLE_DEVICES", "-1")  # CPU only, and no CUDA probing messages


def _expose_keras_applications(tf: Any) -> None:
    """The standalone keras 2.6-2.8 (TF 2.6-2.8) publishes its applications through `tf.keras.applications` only;
    `keras.applications.ResNet50`, which the cases call, exists from keras 2.9. Both names lead to the same keras
    function, so the missing public names are aliased (never replaced): an architecture a release lacks stays
    missing, and a `build_error` says so. TF 2.5's tf.keras is TensorFlow's own copy, whose layers are not the
    keras package's (a case's isinstance checks would miss them): nothing is aliased from another package."""
    import importlib

    try:  # keras 2.6's package does not import its applications itself: tf.keras (a lazy loader) does, later
        target = importlib.import_module("keras.applications")
    except ImportError:
        return
    alias_missing(target, getattr(getattr(tf, "keras", None), "applications", None))


def alias_missing(target: Any, source: Any) -> list[str]:
    """Set on module `target` each public attribute of `source` that it lacks and that is defined in target's own
    top-level package; the names set."""
    if target is None or source is None or target is source:
        return []
    package = target.__name__.split(".")[0] + "."
    missing = [n for n in dir(source) if not n.startswith("_") and not hasattr(target, n)
               and str(getattr(getattr(source, n), "__module__", "")).startswith(package)]
    for name in missing:
        setattr(target, name, getattr(source, name))
    return missing


class Tf2Onnx(Converter):
    info = INFO

    def load(self) -> None:
        _quiet_tensorflow()
        import logging

        import tensorflow as tf

        tf.get_logger().setLevel(logging.ERROR)
        tf.autograph.set_verbosity(0)
        try:  # 2 cores shared: one thread each keeps timings comparable
            tf.config.threading.set_intra_op_parallelism_threads(1)
            tf.config.threading.set_inter_op_parallelism_threads(1)
        except RuntimeError:  # already initialised (a second load in one process)
            pass
        _expose_keras_applications(tf)
        import tf2onnx

        logging.getLogger("tf2onnx").setLevel(logging.ERROR)
        tf2onnx.logging.set_level(logging.ERROR)
        self._tf = tf

    def seed(self, seed: int) -> None:
        import tensorflow as tf

        tf.random.set_seed(seed)
        try:
            import keras

            keras.utils.set_random_seed(seed)
        except (ImportError, AttributeError):  # pragma: no cover - very old keras
            pass

    @staticmethod
    def _is_keras(model: Any) -> bool:
        import tensorflow as tf

        types: list[type] = [tf.keras.Model]
        try:
            import keras

            types.append(keras.Model)
        except ImportError:  # pragma: no cover
            pass
        return isinstance(model, tuple(types))

    def _function(self, model: Any) -> Any:
        import tensorflow as tf

        if hasattr(model, "get_concrete_function"):
            return model
        return tf.function(model)

    def _signature(self, model: Any, inputs: tuple[Any, ...]) -> list[Any]:
        import tensorflow as tf

        own = getattr(model, "input_signature", None)
        if own and not self._is_keras(model):
            return list(own)
        return [tf.TensorSpec(a.shape, tf.as_dtype(a.dtype), name=f"input_{i}") for i, a in enumerate(inputs)]

    def reference(self, model: Any, inputs: tuple[Any, ...]) -> list[Any]:
        import numpy as np
        import tensorflow as tf

        tensors = [tf.constant(a) for a in inputs]
        if self._is_keras(model):
            out = model(tensors[0] if len(tensors) == 1 else tensors, training=False)
        else:
            out = self._function(model)(*tensors)
        return [np.asarray(t.numpy() if hasattr(t, "numpy") else t) for t in tf.nest.flatten(out)]

    def reference64(self, model: Any, inputs: tuple[Any, ...]) -> list[Any]:
        """A float64 twin of a Keras model: its config with every float32 dtype (layers' dtype policies, Input
        layers) rewritten to float64, rebuilt with `from_config`, and its weights cast to float64. A
        tf.function has no config to rebuild, so it gets no float64 reference (NoFloat64)."""
        import numpy as np
        import tensorflow as tf

        from convtrack.cell.converters.base import NoFloat64

        if not self._is_keras(model):
            raise NoFloat64("a tf.function has no config to rebuild in float64")
        config = model.get_config()

        def run(twin_config: Any) -> list[Any]:
            twin = type(model).from_config(twin_config)
            twin.set_weights([_wide(w) for w in model.get_weights()])
            tensors = [tf.constant(_wide(a)) for a in inputs]
            out = twin(tensors[0] if len(tensors) == 1 else tensors, training=False)
            return [np.asarray(t.numpy() if hasattr(t, "numpy") else t) for t in tf.nest.flatten(out)]

        try:
            return run(float64_config(config))
        except Exception as fused_error:
            # TF 2.2's fused batch-norm kernel refuses float64 where later releases fall back to plain ops by
            # themselves: asking for the plain ops measures the same arithmetic's noise. Keras 3 has no `fused`.
            unfused = float64_config(config, unfused_batch_norm=True)
            if unfused == float64_config(config):
                raise
            try:
                return run(unfused)
            except Exception:
                raise fused_error from None

    def convert(self, model: Any, inputs: tuple[Any, ...], opset: int, mode: str | None, path: Path,
                options: Mapping[str, Any]) -> None:
        import tf2onnx

        spec = self._signature(model, inputs)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            if self._is_keras(model):
                tf2onnx.convert.from_keras(model, input_signature=spec, opset=opset, output_path=str(path))
            else:
                tf2onnx.convert.from_function(self._function(model), input_signature=spec, opset=opset,
                                              output_path=str(path))


def float64_config(config: Any, unfused_batch_norm: bool = False) -> Any:
    """A Keras config with every "float32" dtype rewritten to "float64". Keras 2.2-2.4 keep numpy values in some
    configs (MobileNet's ReLU max_value), which JSON cannot hold: they become plain numbers or lists. With
    `unfused_batch_norm`, every BatchNormalization layer is asked for plain ops (`fused: False`)."""
    import json

    def plain(value: Any) -> Any:
        if hasattr(value, "tolist"):
            return value.tolist()
        raise TypeError(f"{type(value).__name__} in a Keras config")

    twin = json.loads(json.dumps(config, default=plain).replace('"float32"', '"float64"'))
    return _unfuse(twin) if unfused_batch_norm else twin


def _unfuse(node: Any) -> Any:
    """`fused: False` in the config of every BatchNormalization layer, at any depth (nested models)."""
    if isinstance(node, list):
        return [_unfuse(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: _unfuse(v) for k, v in node.items()}
    if out.get("class_name") == "BatchNormalization" and isinstance(out.get("config"), dict):
        out["config"] = {**out["config"], "fused": False}
    return out


def _wide(array: Any) -> Any:
    """float32 -> float64; any other dtype unchanged."""
    import numpy as np

    array = np.asarray(array)
    return array.astype(np.float64) if array.dtype == np.float32 else array
