"""A two-input functional Keras model with a fixed batch size (Keras 3: no _get_save_spec)."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/2329",
    "description": ("functional model, two keras.Input(batch_size=4) -> Concatenate -> Dense, "
                    "from_keras with input_signature"),
    "tags": ["from_keras", "keras3", "api", "multi_input"],
    "stated": {"symptom": "export crash (AttributeError: _get_save_spec)", "reported": "TF 2.16 / Keras 3",
               "workaround": "pass input_signature explicitly (convtrack always does)",
               "fixed": "1.17.0 (_get_concrete_function fallback) [src]"},
    "expect_signature": "_get_save_spec",
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
        "agrees_with_issue": ("no: passes on every release run (13 releases); releases before the stated fix in 1.17.0"
                              " pass too: the trigger (an axis held fixed here, or the reproducer itself) is missing"),
    },
}


def build():
    import keras

    from convtrack.suite import seeded

    a = keras.Input((6,), batch_size=4)
    b = keras.Input((3,), batch_size=4)
    x = keras.layers.Concatenate()([a, b])
    outputs = keras.layers.Dense(2, activation="sigmoid")(keras.layers.Dense(8, activation="relu")(x))
    return keras.Model([a, b], outputs), seeded((4, 6), (4, 3))
