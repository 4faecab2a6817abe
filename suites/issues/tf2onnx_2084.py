"""conv1d with a filter whose in-channels are unknown: the Conv node got group = -3 and ORT refused it."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/2084",
    "description": "tf.nn.conv1d(x, w, 1, VALID) with signature x[None,None,3], w[4,None,5] (filter passed as input)",
    "tags": ["from_function", "conv1d", "dynamic", "invalid_model"],
    "stated": {"symptom": "ORT session fails (negative group)", "reported": "TF 2.4.1, onnx 1.10.2, ORT 1.9.0",
               "fixed": "1.15.0 (PR #2090, 554d90ad)"},
    "observed": {
        "tensorflow 2.12.1 + tf2onnx 1.14.0": "run_error @13 15 17",
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
        "agrees_with_issue": ("yes: the stated fix in 1.15.0 is reproduced: failing before it, clean on 12 releases "
                              "from it (the issue states 'ORT session fails (negative group)'; here run_error on "
                              "tensorflow 2.12.1 + tf2onnx 1.14.0)"),
    },
}


def build():
    import tensorflow as tf

    from convtrack.suite import seeded

    @tf.function(input_signature=[tf.TensorSpec([None, None, 3], tf.float32),
                                  tf.TensorSpec([4, None, 5], tf.float32)])
    def conv1d(x, w):
        return tf.nn.conv1d(x, w, stride=1, padding="VALID")

    return conv1d, seeded((2, 10, 3), (4, 3, 5))
