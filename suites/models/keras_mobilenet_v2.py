"""keras.applications.MobileNetV2 (alpha 0.35, 32x32, 10 classes); random weights (weights=None, built offline)."""

CASE = {
    "converter": "tf2onnx",
    "description": "keras.applications.MobileNetV2 (alpha 0.35, 32x32, 10 classes)",
    "tags": ['keras_application', 'from_keras', 'vision', 'depthwise', 'relu6'],
}


def build():
    import keras

    from convtrack.suite import seeded

    model = keras.applications.MobileNetV2(alpha=0.35, input_shape=(32, 32, 3), weights=None, classes=10)
    return model, seeded((2, 32, 32, 3))
