"""A Keras SimpleRNN (tanh) over a short sequence: converted as a Loop or an ONNX RNN."""

CASE = {
    "converter": "tf2onnx",
    "description": "SimpleRNN(20, return_sequences) -> GlobalAveragePooling1D -> Dense(2)",
    "tags": ["from_keras", "sequence", "rnn"],
}


def build():
    import keras

    from convtrack.suite import seeded

    layers = keras.layers
    model = keras.Sequential([
        layers.Input((7, 4)),
        layers.SimpleRNN(20, return_sequences=True),
        layers.GlobalAveragePooling1D(),
        layers.Dense(2),
    ])
    return model, seeded((2, 7, 4))
