"""Keras LSTM with return_sequences: should become one ONNX LSTM node, not a Loop."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/1546",
    "description": ("Sequential([LSTM(16, return_sequences=True) on (24, 1)]) through from_keras (the "
                    "issue: 64 units, 128 steps)"),
    "tags": ["from_keras", "structural", "lstm", "rnn"],
    "rtol": 1e-4,
    "tolerance_reason": "recurrent accumulation; tf2onnx's own LSTM tests use rtol 1e-6..1e-4",
    "stated": {"symptom": "structural (Loop instead of LSTM)", "reported": "TF 2.4.1, tf2onnx 1.8.5",
               "fixed": "1.9.3 (PR #1752, f19a0368)", "check": "model.ops has one LSTM and no Loop"},
    "paper": {"symptom": "Wrong Model", "cause": "Incompatibility", "cause_subtype": "External",
              "location": "Node Conversion", "artifact_row_id": 48},
    "expect_ops": {"present": ["LSTM"], "absent": ["Loop"]},
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
        "agrees_with_issue": ("no: LSTM, no Loop in every converted model (10 releases); failures seen: convert_error "
                              "on tensorflow 2.17.1 + tf2onnx 1.17.0"),
    },
}


def build():
    import keras

    from convtrack.suite import seeded

    model = keras.Sequential([keras.layers.Input((24, 1)), keras.layers.LSTM(16, return_sequences=True)])
    return model, seeded((2, 24, 1))
