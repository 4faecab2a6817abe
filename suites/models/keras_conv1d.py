"""A Conv1D text/audio classifier: dilated and causal convolutions, max pooling, global pooling."""

CASE = {
    "converter": "tf2onnx",
    "description": "Conv1D(16, 5) -> Conv1D(16, 3, dilation 2, causal) -> MaxPool1D -> GlobalMaxPool1D -> Dense(4)",
    "tags": ["from_keras", "sequence", "conv1d", "dilation"],
}


def build():
    import keras

    from convtrack.suite import seeded

    layers = keras.layers
    model = keras.Sequential([
        layers.Input((40, 6)),
        layers.Conv1D(16, 5, activation="relu"),
        layers.Conv1D(16, 3, dilation_rate=2, padding="causal", activation="relu"),
        layers.MaxPooling1D(2),
        layers.GlobalMaxPooling1D(),
        layers.Dense(4),
    ])
    return model, seeded((2, 40, 6))
