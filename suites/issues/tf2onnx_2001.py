"""Keras LSTM with recurrent_activation='hard_sigmoid' (an LSTM node since 1.12.0, a Loop before)."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/pull/2001",
    "description": "Input((10, 8)) -> LSTM(4, recurrent_activation='hard_sigmoid') through from_keras",
    "tags": ["from_keras", "structural", "lstm", "hard_sigmoid"],
    "rtol": 1e-4,
    "tolerance_reason": "recurrent accumulation; tf2onnx's own LSTM tests use rtol 1e-6..1e-4",
    "stated": {"symptom": "structural (Loop instead of LSTM)", "fixed": "1.12.0 (71105c1d)",
               "note": "Keras 3 and TF's hard_sigmoid differ in slope (0.2 vs 1/6): ONNX HardSigmoid must follow"},
    "expect_ops": {"present": ["LSTM"], "absent": ["Loop"]},
    "observed": "",
}


def build():
    import keras

    from convtrack.suite import seeded

    model = keras.Sequential([keras.layers.Input((10, 8)), keras.layers.LSTM(4, recurrent_activation="hard_sigmoid")])
    return model, seeded((2, 10, 8), low=-3.0, high=3.0)
