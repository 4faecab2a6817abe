"""tf.image.adjust_contrast on a rank-4 batch: the mean must be over height and width only."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/2102",
    "description": "tf.image.adjust_contrast(x[2,3,4,5], 2.1): AdjustContrastv2 reduced over all axes but channels",
    "tags": ["from_function", "silent", "image", "reduce_mean"],
    "stated": {"symptom": "wrong-output", "reported": "TF 2.11, onnx 1.12, ORT 1.12.1",
               "broken": "1.8.3-1.13.0", "fixed": "1.14.0 (PR #2140, fa6db665)"},
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
        "agrees_with_issue": ("no: passes on every release run (13 releases); stated fixed in 1.14.0, before the "
                              "oldest release run (1.14.0): a control; the stated broken release 1.8.3-1.13.0 was "
                              "never run"),
    },
}


def build():
    import tensorflow as tf

    from convtrack.suite import seeded

    @tf.function
    def contrast(x):
        return tf.image.adjust_contrast(x, 2.1)

    return contrast, seeded((2, 3, 4, 5))
