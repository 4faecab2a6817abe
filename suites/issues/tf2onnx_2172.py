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
    "observed": "",
}


def build():
    import keras

    from convtrack.suite import seeded

    model = keras.Sequential([keras.layers.Input((4,)), keras.layers.Dense(2)])
    return model, seeded((3, 4))
