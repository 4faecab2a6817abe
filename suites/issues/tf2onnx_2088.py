"""Transpose optimizer folds Conv (no bias) -> Mul(const) into the kernel even when the constant varies along H."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/2088",
    "description": ("conv2d(x[1,5,5,1], w[3,3,1,1], VALID) * c with c[1,3,1,1] (not per-channel): "
                    "from the test of PR #2152"),
    "tags": ["from_function", "silent", "optimizer", "transpose", "conv", "fusion"],
    "stated": {"symptom": "wrong-output or invalid weights", "broken": "1.9-1.14.0",
               "fixed": "1.15.0 (PR #2152, 14f4a5f2)"},
    "observed": {
        "tensorflow 2.12.1 + tf2onnx 1.14.0": "mismatch @13 15 17",
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
        "agrees_with_issue": ("yes: mismatch on tensorflow 2.12.1 + tf2onnx 1.14.0; the stated fix in 1.15.0 is "
                              "reproduced: failing before it, clean on 12 releases from it (12 of 13 releases pass in "
                              "some mode/opset)"),
    },
}


def build():
    import numpy as np
    import tensorflow as tf

    from convtrack.suite import seeded

    rng = np.random.default_rng(42)
    kernel = rng.uniform(-1, 1, size=(3, 3, 1, 1)).astype("float32")
    scale = np.array([1.0, 2.0, 3.0], dtype="float32").reshape(1, 3, 1, 1)

    @tf.function
    def conv_mul(x):  # constants built inside the graph: captured eager tensors would become inputs
        return tf.nn.conv2d(x, tf.constant(kernel), strides=1, padding="VALID") * tf.constant(scale)

    return conv_mul, seeded((1, 5, 5, 1))
