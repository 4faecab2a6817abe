"""Any from_keras call: tf2onnx <= 1.14.0 reads FuncGraph._captures, which TF 2.13 removed."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/2172",
    "description": "Sequential([Input((4,)), Dense(2)]) through from_keras",
    "tags": ["from_keras", "api", "tf_version"],
    "stated": {"symptom": "export crash (AttributeError: 'FuncGraph' object has no attribute '_captures')",
               "reported": "2023-05, Python 3.11", "broken": "TF >= 2.13 with tf2onnx <= 1.14.0",
               "fixed": "1.15.0 (PR #2216, a0bd3e59)",
               "note": ("tf2onnx 1.14.0 does not resolve with TF >= 2.13 (flatbuffers, #2180): "
                        "those cells are not_applicable")},
    "expect_signature": "_captures",
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
        "agrees_with_issue": ("no: the stated error /_captures/ never shows; other failures: convert_error on "
                              "tensorflow 2.17.1 + tf2onnx 1.17.0"),
    },
}


def build():
    import keras

    from convtrack.suite import seeded

    model = keras.Sequential([keras.layers.Input((4,)), keras.layers.Dense(2)])
    return model, seeded((3, 4))
