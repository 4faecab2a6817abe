"""keras.applications.InceptionV3 (75x75, its minimum, 10 classes); random weights (weights=None, built offline)."""

CASE = {
    "converter": "tf2onnx",
    "description": "keras.applications.InceptionV3 (75x75, its minimum, 10 classes)",
    "tags": ['keras_application', 'from_keras', 'vision', 'inception'],
}


def build():
    import keras

    from convtrack.suite import seeded

    model = keras.applications.InceptionV3(input_shape=(75, 75, 3), weights=None, classes=10)
    return model, seeded((1, 75, 75, 3))
