"""A convolutional autoencoder: strided Conv2D down, Conv2DTranspose and UpSampling2D up."""

CASE = {
    "converter": "tf2onnx",
    "description": ("Conv2D(8, s2) -> Conv2D(16, s2) -> Conv2DTranspose(8, s2) -> UpSampling2D -> "
                    "Conv2D(1, sigmoid) on 32x32x1"),
    "tags": ["from_keras", "vision", "conv_transpose", "upsample", "autoencoder"],
}


def build():
    import keras

    from convtrack.suite import seeded

    layers = keras.layers
    model = keras.Sequential([
        layers.Input((32, 32, 1)),
        layers.Conv2D(8, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2D(16, 3, strides=2, padding="same", activation="relu"),
        layers.Conv2DTranspose(8, 3, strides=2, padding="same", activation="relu"),
        layers.UpSampling2D(2),
        layers.Conv2D(1, 3, padding="same", activation="sigmoid"),
    ])
    return model, seeded((2, 32, 32, 1))
