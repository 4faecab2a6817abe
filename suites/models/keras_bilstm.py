"""A bidirectional LSTM classifier (tf2onnx fuses forward+backward into one bidirectional ONNX LSTM)."""

CASE = {
    "converter": "tf2onnx",
    "description": "Bidirectional(LSTM(16)) -> Dense(3, softmax) over 9 steps of 5 features",
    "tags": ["from_keras", "sequence", "rnn", "lstm", "bidirectional"],
}


def build():
    import keras

    from convtrack.suite import seeded

    layers = keras.layers
    model = keras.Sequential([
        layers.Input((9, 5)),
        layers.Bidirectional(layers.LSTM(16)),
        layers.Dense(3, activation="softmax"),
    ])
    return model, seeded((2, 9, 5))
