"""Transpose optimizer folds Conv (no bias) -> Mul(const) into the kernel even when the constant varies along H."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/2088",
    "description": ("conv2d(x[1,5,5,1], w[3,3,1,1], VALID) * c with c[1,3,1,1] (not per-channel): "
                    "from the test of PR #2152"),
    "tags": ["from_function", "silent", "optimizer", "transpose", "conv", "fusion"],
    "stated": {"symptom": "wrong-output or invalid weights", "broken": "1.9-1.14.0",
               "fixed": "1.15.0 (PR #2152, 14f4a5f2)"},
    "observed": "",
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
