"""keras.applications.ConvNeXtTiny (32x32, 10 classes): depthwise 7x7 as grouped Conv2D.

Random weights (weights=None), built offline."""

CASE = {
    "converter": "tf2onnx",
    "description": "keras.applications.ConvNeXtTiny (32x32, 10 classes): depthwise 7x7 as grouped Conv2D",
    "tags": ['keras_application', 'from_keras', 'vision', 'grouped_conv', 'layer_norm'],
}


def build():
    import keras

    from convtrack.suite import seeded

    model = keras.applications.ConvNeXtTiny(
        include_preprocessing=False, input_shape=(32, 32, 3), weights=None, classes=10)
    return model, seeded((1, 32, 32, 3))
