"""SeparableConv2D and DepthwiseConv2D (depth multiplier 2) with ReLU6 and a strided stage."""

CASE = {
    "converter": "tf2onnx",
    "description": "DepthwiseConv2D(3, depth_multiplier 2) -> SeparableConv2D(16, stride 2) -> GlobalAvgPool -> Dense",
    "tags": ["from_keras", "vision", "depthwise", "separable"],
}


def build():
    import keras

    from convtrack.suite import seeded

    layers = keras.layers
    model = keras.Sequential([
        layers.Input((24, 24, 4)),
        layers.DepthwiseConv2D(3, depth_multiplier=2, padding="same"),
        layers.ReLU(max_value=6.0),
        layers.SeparableConv2D(16, 3, strides=2, padding="same", activation="relu"),
        layers.GlobalAveragePooling2D(),
        layers.Dense(6),
    ])
    return model, seeded((2, 24, 24, 4))
