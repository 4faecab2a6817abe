"""Conv3D -> BatchNormalization -> ReLU (NDHWC): wrong Transpose perm around FusedBatchNormV3."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/1749",
    "description": "subclassed Keras model Conv3D(3, 3, same) -> BatchNormalization -> relu on [1,6,8,8,3]",
    "tags": ["from_keras", "silent", "conv3d", "batchnorm", "transpose"],
    "stated": {"symptom": "wrong-output/shape", "reported": "opset 11, from_keras",
               "fixed": "1.9.3 (PR #1769, 5dfd36f8)"},
    "paper": {"symptom": "Wrong Model", "cause": "Shape Problem", "location": "Node Conversion",
              "artifact_row_id": 27},
    "observed": {
        "tensorflow 2.12.1 + tf2onnx 1.14.0": "pass @13 15 17",
        "tensorflow 2.12.1 + tf2onnx 1.15.1": "pass @13 15 17",
        "tensorflow 2.12.1 + tf2onnx 1.16.1": "pass @13 15 17",
        "tensorflow 2.12.1 + tf2onnx 1.17.0": "pass @13 15 17",
        "tensorflow 2.13.1 + tf2onnx 1.15.1": "pass @13 15 17",
        "tensorflow 2.13.1 + tf2onnx 1.16.1": "pass @13 15 17",
        "tensorflow 2.13.1 + tf2onnx 1.17.0": "pass @13 15 17",
        "tensorflow 2.15.1 + tf2onnx 1.15.1": "pass @13 15 17",
        "tensorflow 2.15.1 + tf2onnx 1.16.1": "pass @13 15 17",
        "tensorflow 2.15.1 + tf2onnx 1.17.0": "pass @13 15 17",
        "tensorflow 2.17.1 + tf2onnx 1.15.1": "pass @13 15 17",
        "tensorflow 2.17.1 + tf2onnx 1.16.1": "pass @13 15 17",
        "tensorflow 2.17.1 + tf2onnx 1.17.0": "pass @13 15 17",
        "agrees_with_issue": ("no: passes on every release run (13 releases); stated fixed in 1.9.3, before the oldest"
                              " release run (1.14.0): a control"),
    },
}


def build():
    import keras

    from convtrack.suite import seeded

    layers = keras.layers
    inputs = keras.Input((6, 8, 8, 3))
    x = layers.BatchNormalization()(layers.Conv3D(3, 3, padding="same")(inputs))
    outputs = layers.ReLU()(x)
    return keras.Model(inputs, outputs), seeded((1, 6, 8, 8, 3))
