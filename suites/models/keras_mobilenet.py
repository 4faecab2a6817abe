"""keras.applications.MobileNet (alpha 0.25, 32x32, 10 classes); random weights (weights=None, built offline)."""

CASE = {
    "converter": "tf2onnx",
    "description": "keras.applications.MobileNet (alpha 0.25, 32x32, 10 classes)",
    "tags": ['keras_application', 'from_keras', 'vision', 'depthwise'],
}


def build():
    import keras

    from convtrack.suite import seeded

    model = keras.applications.MobileNet(alpha=0.25, input_shape=(32, 32, 3), weights=None, classes=10)
    return model, seeded((2, 32, 32, 3))
