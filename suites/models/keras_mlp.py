"""A small Keras MLP: Dense + BatchNormalization + Dropout (inactive at inference) + softmax head."""

CASE = {
    "converter": "tf2onnx",
    "description": "Sequential MLP 32-64-64-10 with BatchNormalization, Dropout and softmax",
    "tags": ["from_keras", "mlp", "batchnorm"],
}


def build():
    import keras

    from convtrack.suite import seeded

    layers = keras.layers
    model = keras.Sequential([
        layers.Input((32,)),
        layers.Dense(64, activation="relu"),
        layers.BatchNormalization(),
        layers.Dropout(0.5),
        layers.Dense(64, activation="tanh"),
        layers.Dense(10, activation="softmax"),
    ])
    return model, seeded((4, 32))
