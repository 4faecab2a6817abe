"""Keras GRU after Dense + Dropout: should map to one ONNX GRU node."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/1684",
    "description": "Input(batch 2) -> Dense(48, relu) -> Dropout -> GRU(16, return_sequences) -> Dense(4, softmax)",
    "tags": ["from_keras", "structural", "gru", "rnn"],
    "stated": {"symptom": "structural (GRU not mapped)", "reported": "TF 2.3.1",
               "fixed": "1.9.3 (PRs #1688, #1692)", "check": "model.ops has one GRU"},
    "expect_ops": {"present": ["GRU"], "absent": ["Loop"]},
    "observed": "",
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
