"""An embedding-bag classifier on int32 token ids: Embedding (Gather) + mean pooling + Dense."""

CASE = {
    "converter": "tf2onnx",
    "description": "Embedding(100, 16) on int32 ids [2, 12] -> GlobalAveragePooling1D -> Dense(3)",
    "tags": ["from_keras", "sequence", "embedding", "gather", "int_input"],
}


def build():
    import keras

    from convtrack.suite import seeded

    layers = keras.layers
    model = keras.Sequential([
        layers.Input((12,), dtype="int32"),
        layers.Embedding(100, 16),
        layers.GlobalAveragePooling1D(),
        layers.Dense(3),
    ])
    return model, seeded((2, 12), dtype="int32", low=0, high=100)
