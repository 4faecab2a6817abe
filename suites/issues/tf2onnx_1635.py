"""ReverseV2 on a 1-D tensor (a control: fixed before every release tracked here)."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/1635",
    "description": "tf.reverse(x, axis=[0]) on a 1-D float vector of 9 elements, then * 3",
    "tags": ["from_function", "control", "reverse"],
    "stated": {"symptom": "ORT load failure", "fixed": "1.9.3 (PR #1691, 01ec0923)"},
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
    import tensorflow as tf

    from convtrack.suite import seeded

    @tf.function
    def reverse(x):
        return tf.reverse(x, axis=[0]) * 3.0

    return reverse, seeded((9,))
