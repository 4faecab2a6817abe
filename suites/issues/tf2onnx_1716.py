"""Softmax over the channel axis of a channels_first tensor: Transposes around Softmax (optimised away since 1.12)."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/1716",
    "description": "Input((3, 5, 7)) channels_first -> Softmax(axis=1) through from_keras",
    "tags": ["from_keras", "structural", "softmax", "transpose"],
    "stated": {"symptom": "performance (Softmax between two Transposes)", "fixed": "1.12.0 (PR #1964, 9cea9070)",
               "check": "no Transpose in model.ops at opset >= 13"},
    "expect_ops": {"absent": ["Transpose"], "min_opset": 13},
    "observed": {
        "tensorflow 2.12.1 + tf2onnx 1.14.0": "pass @13 15 17",
        "tensorflow 2.12.1 + tf2onnx 1.15.1": "pass @13 15 17",
        "tensorflow 2.12.1 + tf2onnx 1.16.1": "pass @13 15 17",
        "tensorflow 2.12.1 + tf2onnx 1.17.0": "pass @13 15 17",
        "tensorflow 2.13.1 + tf2onnx 1.15.1": "pass @13 15 17",
        "tensorflow 2.13.1 + tf2onnx 1.16.1": "pass @13 15 17",
        "tensorflow 2.13.1 + tf2onnx 1.17.0": "pass @13 15 17",
        "tensorflow 2.15.1 + tf2onnx 1.15.1": "pass @13 15 17",
        "tensorflow 2.15.1 + tf2onnx 1.16.1": "pass @13 15 17",
        "tensorflow 2.15.1 + tf2onnx 1.17.0": "pass @13 15 17",
        "tensorflow 2.17.1 + tf2onnx 1.15.1": "not_applicable @13 15 17",
        "tensorflow 2.17.1 + tf2onnx 1.16.1": "not_applicable @13 15 17",
        "tensorflow 2.17.1 + tf2onnx 1.17.0": "convert_error @13 15 17",
        "agrees_with_issue": ("no: no Transpose from opset 13 in every converted model (10 releases); failures seen: "
                              "convert_error on tensorflow 2.17.1 + tf2onnx 1.17.0"),
    },
}


def build():
    import keras

    from convtrack.suite import seeded

    model = keras.Sequential([keras.layers.Input((3, 5, 7)), keras.layers.Softmax(axis=1)])
    return model, seeded((2, 3, 5, 7), low=-3.0, high=3.0)
