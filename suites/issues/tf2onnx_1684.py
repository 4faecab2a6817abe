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
        "tensorflow 2.16.2 + tf2onnx 1.15.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.16.2 + tf2onnx 1.16.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.16.2 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.17.1 + tf2onnx 1.15.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.16.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.18.1 + tf2onnx 1.15.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.16.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.19.1 + tf2onnx 1.15.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.16.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.17.0 (tf2.19.1-tf2onnx1.17.0-onnx1.17.0-ort1.20.1)":
            "pass @13 14 15 16 17 18",
        "tensorflow 2.20.0 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.21.0 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "agrees_with_issue": ("yes: the converted model lacks GRU, no Loop on tensorflow 2.16.2 + tf2onnx 1.15.1, "
                              "tensorflow 2.16.2 + tf2onnx 1.16.1, tensorflow 2.16.2 + tf2onnx 1.17.0, tensorflow "
                              "2.17.1 + tf2onnx 1.15.1, tensorflow 2.17.1 + tf2onnx 1.16.1, tensorflow 2.17.1 + "
                              "tf2onnx 1.17.0, tensorflow 2.18.1 + tf2onnx 1.15.1, tensorflow 2.18.1 + tf2onnx "
                              "1.16.1, tensorflow 2.18.1 + tf2onnx 1.17.0, tensorflow 2.19.1 + tf2onnx 1.15.1, "
                              "tensorflow 2.19.1 + tf2onnx 1.16.1, tensorflow 2.19.1 + tf2onnx 1.17.0, tensorflow "
                              "2.19.1 + tf2onnx 1.17.0 (tf2.19.1-tf2onnx1.17.0-onnx1.17.0-ort1.20.1), tensorflow "
                              "2.20.0 + tf2onnx 1.17.0, tensorflow 2.21.0 + tf2onnx 1.17.0"),
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
