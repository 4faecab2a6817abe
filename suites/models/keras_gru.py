"""A Keras GRU sequence tagger (reset_after=True, the TF2 default)."""

CASE = {
    "converter": "tf2onnx",
    "description": "GRU(24, return_sequences) -> TimeDistributed Dense(5) over 12 steps of 6 features",
    "tags": ["from_keras", "sequence", "rnn", "gru"],
}


def build():
    import keras

    from convtrack.suite import seeded

    layers = keras.layers
    model = keras.Sequential([
        layers.Input((12, 6)),
        layers.GRU(24, return_sequences=True),
        layers.Dense(5),
    ])
    return model, seeded((2, 12, 6))
