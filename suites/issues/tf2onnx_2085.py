"""Dynamic reshape after a time-distributed Dense: reshape to [batch, time, 8, 64] from tf.shape."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/2085",
    "description": "Dense(64) on [None,None,32] then tf.reshape(x, [shape[0], shape[1], 4, 16]), dynamic signature",
    "tags": ["from_function", "shape", "reshape", "dynamic"],
    "stated": {"symptom": "wrong-shape / runtime reshape error", "reported": "2022-11 (tf2onnx ~1.13)",
               "status": "open"},
    "observed": "",
}


def build():
    import keras
    import tensorflow as tf

    from convtrack.suite import seeded

    dense = keras.layers.Dense(64)
    dense.build((None, None, 32))

    @tf.function(input_signature=[tf.TensorSpec([None, None, 32], tf.float32)])
    def heads(x):
        y = dense(x)
        s = tf.shape(y)
        return tf.reshape(y, [s[0], s[1], 4, 16])

    return heads, seeded((2, 7, 32))
