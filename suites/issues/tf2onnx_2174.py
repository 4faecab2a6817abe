"""Integer FloorDiv of a negative operand: tf2onnx lowers it to Div, which truncates toward zero in ORT."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/2174",
    "description": "ceil-div -floordiv(-a, b) on int32 (a in [-20, 20), b = 3): TF floors, ONNX Div truncates",
    "tags": ["from_function", "silent", "integer", "floordiv"],
    "stated": {"symptom": "wrong-output", "reported": "TF 2.12, onnx 1.14.0, ORT 1.14.1", "status": "open",
               "note": ("FloorDiv maps to Div (+Floor only for floats) in every release up to 1.17.0: "
                        "a never-fixed control")},
    "observed": {
        "tensorflow 2.2.3 + tf2onnx 1.13.0": "mismatch @13 14 15, not_applicable @16 17",
        "tensorflow 2.2.3 + tf2onnx 1.13.0 (tf2.2.3-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.3.4 + tf2onnx 1.13.0": "mismatch @13 14 15, not_applicable @16 17",
        "tensorflow 2.3.4 + tf2onnx 1.13.0 (tf2.3.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.4.4 + tf2onnx 1.13.0": "mismatch @13 14 15, not_applicable @16 17",
        "tensorflow 2.4.4 + tf2onnx 1.13.0 (tf2.4.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.5.3 + tf2onnx 1.13.0": "mismatch @13 14 15, not_applicable @16 17",
        "tensorflow 2.5.3 + tf2onnx 1.13.0 (tf2.5.3-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.6.5 + tf2onnx 1.13.0": "mismatch @13 14 15, not_applicable @16 17",
        "tensorflow 2.6.5 + tf2onnx 1.13.0 (tf2.6.5-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.7.4 + tf2onnx 1.13.0": "mismatch @13 14 15, not_applicable @16 17",
        "tensorflow 2.7.4 + tf2onnx 1.13.0 (tf2.7.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "mismatch @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.12.1": "mismatch @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0": "not_applicable @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.10)":
            "mismatch @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.20.1-py3.10)":
            "mismatch @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @14 16",
        "tensorflow 2.9.3 + tf2onnx 1.12.1": "mismatch @13 14 15 16 17",
        "tensorflow 2.9.3 + tf2onnx 1.13.0": "mismatch @13 14 15 16 17",
        "tensorflow 2.9.3 + tf2onnx 1.13.0 (tf2.9.3-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @14 16",
        "tensorflow 2.10.1 + tf2onnx 1.13.0": "mismatch @13 14 15 16 17",
        "tensorflow 2.10.1 + tf2onnx 1.13.0 (tf2.10.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.11.1 + tf2onnx 1.13.0": "mismatch @13 14 15 16 17",
        "tensorflow 2.11.1 + tf2onnx 1.13.0 (tf2.11.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.12.1 + tf2onnx 1.13.0": "not_applicable @13 14 15 16 17",
        "tensorflow 2.12.1 + tf2onnx 1.13.0 (tf2.12.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1)":
            "mismatch @13 14 15 16 17",
        "tensorflow 2.12.1 + tf2onnx 1.14.0": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.12.1 + tf2onnx 1.15.1": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.12.1 + tf2onnx 1.16.1": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.12.1 + tf2onnx 1.17.0": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.13.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.13.1 + tf2onnx 1.15.1": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.13.1 + tf2onnx 1.16.1": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.13.1 + tf2onnx 1.17.0": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.14.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.14.1 + tf2onnx 1.15.1": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.14.1 + tf2onnx 1.16.1": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.14.1 + tf2onnx 1.17.0": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.15.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.15.1 + tf2onnx 1.15.1": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.15.1 + tf2onnx 1.16.1": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.15.1 + tf2onnx 1.17.0": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.16.2 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.16.2 + tf2onnx 1.15.1": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.16.2 + tf2onnx 1.16.1": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.16.2 + tf2onnx 1.17.0": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.17.1 + tf2onnx 1.15.1": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.16.1": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.17.0": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.18.1 + tf2onnx 1.15.1": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.16.1": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.17.0": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.19.1 + tf2onnx 1.15.1": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.16.1": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.17.0": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.17.0 (tf2.19.1-tf2onnx1.17.0-onnx1.17.0-ort1.20.1)":
            "mismatch @13 14 15 16 17 18",
        "tensorflow 2.20.0 + tf2onnx 1.17.0": "mismatch @13 14 15 16 17 18",
        "tensorflow 2.21.0 + tf2onnx 1.17.0": "mismatch @13 14 15 16 17 18",
        "agrees_with_issue": ("yes: mismatch on tensorflow 2.2.3 + tf2onnx 1.13.0, tensorflow 2.3.4 + tf2onnx 1.13.0,"
                              " tensorflow 2.4.4 + tf2onnx 1.13.0, tensorflow 2.5.3 + tf2onnx 1.13.0, tensorflow "
                              "2.6.5 + tf2onnx 1.13.0, tensorflow 2.7.4 + tf2onnx 1.13.0, tensorflow 2.7.4 + tf2onnx "
                              "1.13.0 (tf2.7.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8), tensorflow 2.8.4 + tf2onnx "
                              "1.12.1, tensorflow 2.8.4 + tf2onnx 1.13.0 "
                              "(tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.10), tensorflow 2.8.4 + tf2onnx 1.13.0"
                              " (tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.20.1-py3.10), tensorflow 2.9.3 + tf2onnx "
                              "1.12.1, tensorflow 2.9.3 + tf2onnx 1.13.0, tensorflow 2.10.1 + tf2onnx 1.13.0, "
                              "tensorflow 2.11.1 + tf2onnx 1.13.0, tensorflow 2.12.1 + tf2onnx 1.13.0 "
                              "(tf2.12.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1), tensorflow 2.12.1 + tf2onnx 1.14.0, "
                              "tensorflow 2.12.1 + tf2onnx 1.15.1, tensorflow 2.12.1 + tf2onnx 1.16.1, tensorflow "
                              "2.12.1 + tf2onnx 1.17.0, tensorflow 2.13.1 + tf2onnx 1.15.1, tensorflow 2.13.1 + "
                              "tf2onnx 1.16.1, tensorflow 2.13.1 + tf2onnx 1.17.0, tensorflow 2.14.1 + tf2onnx "
                              "1.15.1, tensorflow 2.14.1 + tf2onnx 1.16.1, tensorflow 2.14.1 + tf2onnx 1.17.0, "
                              "tensorflow 2.15.1 + tf2onnx 1.15.1, tensorflow 2.15.1 + tf2onnx 1.16.1, tensorflow "
                              "2.15.1 + tf2onnx 1.17.0, tensorflow 2.16.2 + tf2onnx 1.15.1, tensorflow 2.16.2 + "
                              "tf2onnx 1.16.1, tensorflow 2.16.2 + tf2onnx 1.17.0, tensorflow 2.17.1 + tf2onnx "
                              "1.15.1, tensorflow 2.17.1 + tf2onnx 1.16.1, tensorflow 2.17.1 + tf2onnx 1.17.0, "
                              "tensorflow 2.18.1 + tf2onnx 1.15.1, tensorflow 2.18.1 + tf2onnx 1.16.1, tensorflow "
                              "2.18.1 + tf2onnx 1.17.0, tensorflow 2.19.1 + tf2onnx 1.15.1, tensorflow 2.19.1 + "
                              "tf2onnx 1.16.1, tensorflow 2.19.1 + tf2onnx 1.17.0, tensorflow 2.19.1 + tf2onnx 1.17.0"
                              " (tf2.19.1-tf2onnx1.17.0-onnx1.17.0-ort1.20.1), tensorflow 2.20.0 + tf2onnx 1.17.0, "
                              "tensorflow 2.21.0 + tf2onnx 1.17.0"),
    },
}


def build():
    import numpy as np
    import tensorflow as tf

    @tf.function(input_signature=[tf.TensorSpec([None], tf.int32), tf.TensorSpec([], tf.int32)])
    def ceil_div(a, b):
        return -tf.math.floordiv(-a, b)

    inputs = []
    for seed in range(3):
        rng = np.random.default_rng(seed)
        inputs.append((rng.integers(-20, 20, size=8).astype("int32"), np.asarray(3, dtype="int32")))
    return ceil_div, inputs
