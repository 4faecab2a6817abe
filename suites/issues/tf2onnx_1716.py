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
        "tensorflow 2.2.3 + tf2onnx 1.13.0": "pass @13 14 15, not_applicable @16 17",
        "tensorflow 2.2.3 + tf2onnx 1.13.0 (tf2.2.3-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.3.4 + tf2onnx 1.13.0": "pass @13 14 15, not_applicable @16 17",
        "tensorflow 2.3.4 + tf2onnx 1.13.0 (tf2.3.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.4.4 + tf2onnx 1.13.0": "pass @13 14 15, not_applicable @16 17",
        "tensorflow 2.4.4 + tf2onnx 1.13.0 (tf2.4.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.5.3 + tf2onnx 1.13.0": "pass @13 14 15, not_applicable @16 17",
        "tensorflow 2.5.3 + tf2onnx 1.13.0 (tf2.5.3-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.6.5 + tf2onnx 1.13.0": "pass @13 14 15, not_applicable @16 17",
        "tensorflow 2.6.5 + tf2onnx 1.13.0 (tf2.6.5-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.7.4 + tf2onnx 1.13.0": "pass @13 14 15, not_applicable @16 17",
        "tensorflow 2.7.4 + tf2onnx 1.13.0 (tf2.7.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "pass @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.12.1": "pass @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0": "not_applicable @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.10)":
            "pass @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.20.1-py3.10)":
            "pass @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @14 16",
        "tensorflow 2.9.3 + tf2onnx 1.12.1": "pass @13 14 15 16 17",
        "tensorflow 2.9.3 + tf2onnx 1.13.0": "pass @13 14 15 16 17",
        "tensorflow 2.9.3 + tf2onnx 1.13.0 (tf2.9.3-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @14 16",
        "tensorflow 2.10.1 + tf2onnx 1.13.0": "pass @13 14 15 16 17",
        "tensorflow 2.10.1 + tf2onnx 1.13.0 (tf2.10.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.11.1 + tf2onnx 1.13.0": "pass @13 14 15 16 17",
        "tensorflow 2.11.1 + tf2onnx 1.13.0 (tf2.11.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.12.1 + tf2onnx 1.13.0": "not_applicable @13 14 15 16 17",
        "tensorflow 2.12.1 + tf2onnx 1.13.0 (tf2.12.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1)":
            "pass @13 14 15 16 17",
        "tensorflow 2.12.1 + tf2onnx 1.14.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.12.1 + tf2onnx 1.15.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.12.1 + tf2onnx 1.16.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.12.1 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.13.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.13.1 + tf2onnx 1.15.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.13.1 + tf2onnx 1.16.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.13.1 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.14.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.14.1 + tf2onnx 1.15.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.14.1 + tf2onnx 1.16.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.14.1 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.15.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.15.1 + tf2onnx 1.15.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.15.1 + tf2onnx 1.16.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.15.1 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.16.2 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.16.2 + tf2onnx 1.15.1": "not_applicable @13 14 15 16 17 18",
        "tensorflow 2.16.2 + tf2onnx 1.16.1": "not_applicable @13 14 15 16 17 18",
        "tensorflow 2.16.2 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.17.1 + tf2onnx 1.15.1": "not_applicable @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.16.1": "not_applicable @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.18.1 + tf2onnx 1.15.1": "not_applicable @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.16.1": "not_applicable @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.19.1 + tf2onnx 1.15.1": "not_applicable @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.16.1": "not_applicable @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.17.0 (tf2.19.1-tf2onnx1.17.0-onnx1.17.0-ort1.20.1)":
            "convert_error @13 14 15 16 17 18",
        "tensorflow 2.20.0 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.21.0 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "agrees_with_issue": ("no: no Transpose from opset 13 in every converted model (28 releases); failures seen: "
                              "convert_error on tensorflow 2.16.2 + tf2onnx 1.17.0, tensorflow 2.17.1 + tf2onnx "
                              "1.17.0, tensorflow 2.18.1 + tf2onnx 1.17.0, tensorflow 2.19.1 + tf2onnx 1.17.0, "
                              "tensorflow 2.19.1 + tf2onnx 1.17.0 (tf2.19.1-tf2onnx1.17.0-onnx1.17.0-ort1.20.1), "
                              "tensorflow 2.20.0 + tf2onnx 1.17.0, tensorflow 2.21.0 + tf2onnx 1.17.0"),
    },
}


def build():
    import keras

    from convtrack.suite import seeded

    model = keras.Sequential([keras.layers.Input((3, 5, 7)), keras.layers.Softmax(axis=1)])
    return model, seeded((2, 3, 5, 7), low=-3.0, high=3.0)
