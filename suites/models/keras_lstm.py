"""Two stacked Keras LSTMs (tf2onnx rewrites Keras LSTM into ONNX LSTM since 1.9.3)."""

CASE = {
    "converter": "tf2onnx",
    "description": "LSTM(32, return_sequences) -> LSTM(16) -> Dense(4) over 10 steps of 8 features",
    "tags": ["from_keras", "sequence", "rnn", "lstm"],
    "rtol": 1e-4,
    "atol": 1e-5,
    "tolerance_reason": "recurrent accumulation over 10 steps; tf2onnx's own LSTM tests use rtol 1e-6..1e-4",
}


def build():
    import keras

    from convtrack.suite import seeded

    layers = keras.layers
    model = keras.Sequential([
        layers.Input((10, 8)),
        layers.LSTM(32, return_sequences=True),
        layers.LSTM(16),
        layers.Dense(4),
    ])
    return model, seeded((2, 10, 8))
