"""Dynamic reshape after a time-distributed Dense: reshape to [batch, time, 8, 64] from tf.shape."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/2085",
    "description": "Dense(64) on [None,None,32] then tf.reshape(x, [shape[0], shape[1], 4, 16]), dynamic signature",
    "tags": ["from_function", "shape", "reshape", "dynamic"],
    "stated": {"symptom": "wrong-shape / runtime reshape error", "reported": "2022-11 (tf2onnx ~1.13)",
               "status": "open"},
    "observed": {
        "tensorflow 2.2.3 + tf2onnx 1.13.0": "run_error @13 14 15, not_applicable @16 17",
        "tensorflow 2.2.3 + tf2onnx 1.13.0 (tf2.2.3-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.3.4 + tf2onnx 1.13.0": "run_error @13 14 15, not_applicable @16 17",
        "tensorflow 2.3.4 + tf2onnx 1.13.0 (tf2.3.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.4.4 + tf2onnx 1.13.0": "run_error @13 14 15, not_applicable @16 17",
        "tensorflow 2.4.4 + tf2onnx 1.13.0 (tf2.4.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.5.3 + tf2onnx 1.13.0": "run_error @13 14 15, not_applicable @16 17",
        "tensorflow 2.5.3 + tf2onnx 1.13.0 (tf2.5.3-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.6.5 + tf2onnx 1.13.0": "run_error @13 14 15, not_applicable @16 17",
        "tensorflow 2.6.5 + tf2onnx 1.13.0 (tf2.6.5-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.7.4 + tf2onnx 1.13.0": "run_error @13 14 15, not_applicable @16 17",
        "tensorflow 2.7.4 + tf2onnx 1.13.0 (tf2.7.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "run_error @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.12.1": "run_error @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0": "not_applicable @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.10)":
            "run_error @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.20.1-py3.10)":
            "run_error @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @14 16",
        "tensorflow 2.9.3 + tf2onnx 1.12.1": "run_error @13 14 15 16 17",
        "tensorflow 2.9.3 + tf2onnx 1.13.0": "run_error @13 14 15 16 17",
        "tensorflow 2.9.3 + tf2onnx 1.13.0 (tf2.9.3-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @14 16",
        "tensorflow 2.10.1 + tf2onnx 1.13.0": "run_error @13 14 15 16 17",
        "tensorflow 2.10.1 + tf2onnx 1.13.0 (tf2.10.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.11.1 + tf2onnx 1.13.0": "run_error @13 14 15 16 17",
        "tensorflow 2.11.1 + tf2onnx 1.13.0 (tf2.11.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.12.1 + tf2onnx 1.13.0": "not_applicable @13 14 15 16 17",
        "tensorflow 2.12.1 + tf2onnx 1.13.0 (tf2.12.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1)":
            "run_error @13 14 15 16 17",
        "tensorflow 2.12.1 + tf2onnx 1.14.0": "run_error @13 14 15 16 17 18",
        "tensorflow 2.12.1 + tf2onnx 1.15.1": "run_error @13 14 15 16 17 18",
        "tensorflow 2.12.1 + tf2onnx 1.16.1": "run_error @13 14 15 16 17 18",
        "tensorflow 2.12.1 + tf2onnx 1.17.0": "run_error @13 14 15 16 17 18",
        "tensorflow 2.13.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.13.1 + tf2onnx 1.15.1": "run_error @13 14 15 16 17 18",
        "tensorflow 2.13.1 + tf2onnx 1.16.1": "run_error @13 14 15 16 17 18",
        "tensorflow 2.13.1 + tf2onnx 1.17.0": "run_error @13 14 15 16 17 18",
        "tensorflow 2.14.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.14.1 + tf2onnx 1.15.1": "run_error @13 14 15 16 17 18",
        "tensorflow 2.14.1 + tf2onnx 1.16.1": "run_error @13 14 15 16 17 18",
        "tensorflow 2.14.1 + tf2onnx 1.17.0": "run_error @13 14 15 16 17 18",
        "tensorflow 2.15.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.15.1 + tf2onnx 1.15.1": "run_error @13 14 15 16 17 18",
        "tensorflow 2.15.1 + tf2onnx 1.16.1": "run_error @13 14 15 16 17 18",
        "tensorflow 2.15.1 + tf2onnx 1.17.0": "run_error @13 14 15 16 17 18",
        "tensorflow 2.16.2 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.16.2 + tf2onnx 1.15.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.16.2 + tf2onnx 1.16.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.16.2 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.17.1 + tf2onnx 1.15.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.16.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.18.1 + tf2onnx 1.15.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.16.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.19.1 + tf2onnx 1.15.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.16.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.17.0 (tf2.19.1-tf2onnx1.17.0-onnx1.17.0-ort1.20.1)":
            "pass @13 14 15 16 17 18",
        "tensorflow 2.20.0 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.21.0 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "agrees_with_issue": ("yes: run_error on tensorflow 2.2.3 + tf2onnx 1.13.0, tensorflow 2.3.4 + tf2onnx "
                              "1.13.0, tensorflow 2.4.4 + tf2onnx 1.13.0, tensorflow 2.5.3 + tf2onnx 1.13.0, "
                              "tensorflow 2.6.5 + tf2onnx 1.13.0, tensorflow 2.7.4 + tf2onnx 1.13.0, tensorflow 2.7.4"
                              " + tf2onnx 1.13.0 (tf2.7.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8), tensorflow 2.8.4"
                              " + tf2onnx 1.12.1, tensorflow 2.8.4 + tf2onnx 1.13.0 "
                              "(tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.10), tensorflow 2.8.4 + tf2onnx 1.13.0"
                              " (tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.20.1-py3.10), tensorflow 2.9.3 + tf2onnx "
                              "1.12.1, tensorflow 2.9.3 + tf2onnx 1.13.0, tensorflow 2.10.1 + tf2onnx 1.13.0, "
                              "tensorflow 2.11.1 + tf2onnx 1.13.0, tensorflow 2.12.1 + tf2onnx 1.13.0 "
                              "(tf2.12.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1), tensorflow 2.12.1 + tf2onnx 1.14.0, "
                              "tensorflow 2.12.1 + tf2onnx 1.15.1, tensorflow 2.12.1 + tf2onnx 1.16.1, tensorflow "
                              "2.12.1 + tf2onnx 1.17.0, tensorflow 2.13.1 + tf2onnx 1.15.1, tensorflow 2.13.1 + "
                              "tf2onnx 1.16.1, tensorflow 2.13.1 + tf2onnx 1.17.0, tensorflow 2.14.1 + tf2onnx "
                              "1.15.1, tensorflow 2.14.1 + tf2onnx 1.16.1, tensorflow 2.14.1 + tf2onnx 1.17.0, "
                              "tensorflow 2.15.1 + tf2onnx 1.15.1, tensorflow 2.15.1 + tf2onnx 1.16.1, tensorflow "
                              "2.15.1 + tf2onnx 1.17.0 (15 of 43 releases pass in some mode/opset)"),
    },
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
