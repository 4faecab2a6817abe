"""Bilinear resize with half_pixel_centers (the TF2 default): an always-pass control at opset >= 11."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/914",
    "description": "tf.image.resize(x[1,6,8,3], [12,16], bilinear) (half-pixel centers)",
    "tags": ["from_function", "control", "resize", "bilinear"],
    "stated": {"symptom": "wrong-output", "fixed": "before 1.9 (PR #932)",
               "note": "should pass everywhere at opset >= 11"},
    "paper": {"symptom": "Wrong Model", "cause": "Type Problem", "cause_subtype": "Node",
              "location": "Node Conversion", "artifact_row_id": 111},
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
        "agrees_with_issue": ("no: passes on every release run (13 releases); stated fixed in 1.9, before the oldest "
                              "release run (1.14.0): a control"),
    },
}


def build():
    import tensorflow as tf

    from convtrack.suite import seeded

    @tf.function
    def resize(x):
        return tf.image.resize(x, [12, 16], method="bilinear")

    return resize, seeded((1, 6, 8, 3))
