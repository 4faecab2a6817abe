"""A hand-written residual block with projection shortcut, Add and a LeakyReLU / ELU mix."""

CASE = {
    "converter": "tf2onnx",
    "description": "functional residual block: Conv-BN-LeakyReLU-Conv-BN + 1x1 projection, Add, ELU, GlobalMaxPool",
    "tags": ["from_keras", "vision", "residual", "batchnorm"],
}


def build():
    import keras

    from convtrack.suite import seeded

    layers = keras.layers
    inputs = keras.Input((16, 16, 8))
    y = layers.BatchNormalization()(layers.Conv2D(16, 3, strides=2, padding="same")(inputs))
    y = layers.LeakyReLU(0.1)(y)
    y = layers.BatchNormalization()(layers.Conv2D(16, 3, padding="same")(y))
    shortcut = layers.Conv2D(16, 1, strides=2)(inputs)
    x = layers.ELU()(layers.Add()([y, shortcut]))
    outputs = layers.Dense(3)(layers.GlobalMaxPooling2D()(x))
    return keras.Model(inputs, outputs), seeded((2, 16, 16, 8))
