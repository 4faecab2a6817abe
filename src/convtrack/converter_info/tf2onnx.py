"""tf2onnx: TensorFlow / Keras models; one way to export (no modes), and tf2onnx is its own package."""

from __future__ import annotations

from convtrack.converter_info import ConverterInfo

INFO = ConverterInfo(
    name="tf2onnx",
    framework="tensorflow",
    packages=("tensorflow", "tf2onnx", "protobuf", "keras"),
    release_axes=("tensorflow", "tf2onnx"),
    repos={"tensorflow": "tensorflow/tensorflow", "tf2onnx": "onnx/tensorflow-onnx"},
)
