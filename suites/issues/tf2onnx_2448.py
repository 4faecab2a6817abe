"""A functional Keras model saved as .keras and loaded back: KeyError 'keras_tensor_N' in 1.17.0's from_keras."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/2448",
    "description": "functional Dense model -> model.save('m.keras') -> keras.models.load_model -> from_keras",
    "tags": ["from_keras", "keras3", "api", "saved_model"],
    "stated": {"symptom": "export crash (KeyError: 'keras_tensor_65')", "reported": "tf2onnx 1.17.0, py3.12, Keras 3",
               "status": "open (proposed fix PR #2477)",
               "note": "a candidate regression introduced in 1.17.0 for TF >= 2.16; 1.16.1 fails earlier (#2348)"},
    "expect_signature": "KeyError: 'keras_tensor_",
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
        "tensorflow 2.17.1 + tf2onnx 1.15.1": "pass @13 15 17",
        "tensorflow 2.17.1 + tf2onnx 1.16.1": "pass @13 15 17",
        "tensorflow 2.17.1 + tf2onnx 1.17.0": "pass @13 15 17",
        "agrees_with_issue": ("no: passes on every release run (13 releases); the stated error shows in 54 records of "
                              "18 other cases (issues/tf2onnx_1546, issues/tf2onnx_1716, issues/tf2onnx_2001, ...)"),
    },
}


def build():
    import os
    import tempfile

    import keras

    from convtrack.suite import seeded

    inputs = keras.Input((10,))
    x = keras.layers.Dense(16, activation="relu")(inputs)
    outputs = keras.layers.Dense(3)(x)
    model = keras.Model(inputs, outputs)
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "m.keras")
        model.save(path)
        loaded = keras.models.load_model(path)
    return loaded, seeded((2, 10))
