"""keras.applications.MobileNetV3Small (alpha 0.75, 32x32, no preprocessing layer).

Random weights (weights=None), built offline."""

CASE = {
    "converter": "tf2onnx",
    "description": "keras.applications.MobileNetV3Small (alpha 0.75, 32x32, no preprocessing layer)",
    "tags": ['keras_application', 'from_keras', 'vision', 'hard_swish', 'squeeze_excite'],
}


def build():
    import keras

    from convtrack.suite import seeded

    model = keras.applications.MobileNetV3Small(
        alpha=0.75, include_preprocessing=False, input_shape=(32, 32, 3), weights=None, classes=10)
    return model, seeded((2, 32, 32, 3))
