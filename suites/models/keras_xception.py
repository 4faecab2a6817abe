"""keras.applications.Xception (71x71, its minimum, 10 classes); random weights (weights=None, built offline)."""

CASE = {
    "converter": "tf2onnx",
    "description": "keras.applications.Xception (71x71, its minimum, 10 classes)",
    "tags": ['keras_application', 'from_keras', 'vision', 'separable'],
}


def build():
    import keras

    from convtrack.suite import seeded

    model = keras.applications.Xception(input_shape=(71, 71, 3), weights=None, classes=10)
    return model, seeded((1, 71, 71, 3))
