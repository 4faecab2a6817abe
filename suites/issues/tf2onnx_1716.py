"""Softmax over the channel axis of a channels_first tensor: Transposes around Softmax (optimised away since 1.12)."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/1716",
    "description": "Input((3, 5, 7)) channels_first -> Softmax(axis=1) through from_keras",
    "tags": ["from_keras", "structural", "softmax", "transpose"],
    "stated": {"symptom": "performance (Softmax between two Transposes)", "fixed": "1.12.0 (PR #1964, 9cea9070)",
               "check": "no Transpose in model.ops at opset >= 13"},
    "expect_ops": {"absent": ["Transpose"], "min_opset": 13},
    "observed": "",
}


def build():
    import keras

    from convtrack.suite import seeded

    model = keras.Sequential([keras.layers.Input((3, 5, 7)), keras.layers.Softmax(axis=1)])
    return model, seeded((2, 3, 5, 7), low=-3.0, high=3.0)
