"""A small NHWC CNN: Conv2D + BatchNormalization + MaxPool + AveragePool + Dense."""

CASE = {
    "converter": "tf2onnx",
    "description": "Conv2D(16)-BN-ReLU-MaxPool-Conv2D(32, stride 2)-AvgPool-Flatten-Dense(10) on 32x32x3",
    "tags": ["from_keras", "vision", "cnn", "batchnorm", "nhwc"],
}


def build():
    import keras

    from convtrack.suite import seeded

    layers = keras.layers
    model = keras.Sequential([
        layers.Input((32, 32, 3)),
        layers.Conv2D(16, 3, padding="same"),
        layers.BatchNormalization(),
        layers.ReLU(),
        layers.MaxPooling2D(2),
        layers.Conv2D(32, 3, strides=2, padding="valid", activation="relu"),
        layers.AveragePooling2D(2),
        layers.Flatten(),
        layers.Dense(10),
    ])
    return model, seeded((2, 32, 32, 3))
