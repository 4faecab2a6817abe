"""keras.applications.InceptionV3 (75x75, its minimum, 10 classes).

Random weights (weights=None, built offline) and logits (no softmax: a uniform softmax would hide every error).
With random weights and default BatchNorm statistics the activations of a deep net vanish (logits ~1e-17), so
the BatchNorm moving statistics are calibrated once on a separate seeded batch of 16 (momentum 0,
training=True; 16 so that 1x1 late stages still have a variance):
each BatchNorm then normalises as in a trained network and the outputs are O(1).
"""

CASE = {
    "converter": "tf2onnx",
    "description": "keras.applications.InceptionV3 (75x75, its minimum, 10 classes)",
    "tags": ['keras_application', 'from_keras', 'vision', 'inception'],
}


def calibrate(keras, model, batch):
    """Set every BatchNormalization's moving mean/variance to the statistics of `batch` (one forward pass)."""
    norms = [layer for layer in model.layers if isinstance(layer, keras.layers.BatchNormalization)]
    for layer in norms:
        layer.momentum = 0.0
    model(batch, training=True)
    for layer in norms:
        layer.momentum = 0.99


def build():
    import keras

    from convtrack.suite import seeded

    model = keras.applications.InceptionV3(
        input_shape=(75, 75, 3), weights=None, classes=10, classifier_activation=None)
    calibrate(keras, model, seeded((16, 75, 75, 3), seeds=(100,))[0][0])
    return model, seeded((1, 75, 75, 3))
