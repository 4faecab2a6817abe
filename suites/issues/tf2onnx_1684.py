"""Keras GRU after Dense + Dropout: should map to one ONNX GRU node."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/1684",
    "description": "Input(batch 2) -> Dense(48, relu) -> Dropout -> GRU(16, return_sequences) -> Dense(4, softmax)",
    "tags": ["from_keras", "structural", "gru", "rnn"],
    "stated": {"symptom": "structural (GRU not mapped)", "reported": "TF 2.3.1",
               "fixed": "1.9.3 (PRs #1688, #1692)", "check": "model.ops has one GRU"},
    "expect_ops": {"present": ["GRU"], "absent": ["Loop"]},
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
        "agrees_with_issue": ("yes: the converted model lacks GRU, no Loop on tensorflow 2.17.1 + tf2onnx 1.15.1, "
                              "tensorflow 2.17.1 + tf2onnx 1.16.1, tensorflow 2.17.1 + tf2onnx 1.17.0"),
    },
}


def build():
    import keras

    from convtrack.suite import seeded

    layers = keras.layers
    inputs = keras.Input((8, 10), batch_size=2)
    x = layers.Dropout(0.3)(layers.Dense(48, activation="relu")(inputs))
    x = layers.GRU(16, return_sequences=True)(x)
    outputs = layers.Dense(4, activation="softmax")(x)
    return keras.Model(inputs, outputs), seeded((2, 8, 10))
