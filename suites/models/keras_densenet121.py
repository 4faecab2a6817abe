"""keras.applications.DenseNet121 (32x32, 10 classes); random weights (weights=None, built offline)."""

CASE = {
    "converter": "tf2onnx",
    "description": "keras.applications.DenseNet121 (32x32, 10 classes)",
    "tags": ['keras_application', 'from_keras', 'vision', 'concat'],
}


def build():
    import keras

    from convtrack.suite import seeded

    model = keras.applications.DenseNet121(input_shape=(32, 32, 3), weights=None, classes=10)
    return model, seeded((1, 32, 32, 3))
