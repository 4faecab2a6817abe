"""keras.applications.EfficientNetB0 (32x32, 10 classes, its Rescaling+Normalization stem).

Random weights (weights=None), built offline."""

CASE = {
    "converter": "tf2onnx",
    "description": "keras.applications.EfficientNetB0 (32x32, 10 classes, its Rescaling+Normalization stem)",
    "tags": ['keras_application', 'from_keras', 'vision', 'swish', 'squeeze_excite'],
}


def build():
    import keras

    from convtrack.suite import seeded

    model = keras.applications.EfficientNetB0(input_shape=(32, 32, 3), weights=None, classes=10)
    return model, seeded((1, 32, 32, 3))
