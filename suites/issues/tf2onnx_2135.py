"""ConcatV2 where one input has no static shape (a dynamic slice) and the other has one."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/pull/2135",
    "description": "tf.concat([tf.slice(x, [0,0], s1+s2), y], -1) with x,y[2,3] and int32 sizes (unknown shape)",
    "tags": ["from_function", "shape", "concat", "dynamic"],
    "stated": {"symptom": "export crash (None shape)", "fixed": "1.15.0 (aaaea956)"},
    "observed": {
        "tensorflow 2.2.3 + tf2onnx 1.13.0": "invalid_model @13 14 15, not_applicable @16 17",
        "tensorflow 2.2.3 + tf2onnx 1.13.0 (tf2.2.3-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.3.4 + tf2onnx 1.13.0": "invalid_model @13 14 15, not_applicable @16 17",
        "tensorflow 2.3.4 + tf2onnx 1.13.0 (tf2.3.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.4.4 + tf2onnx 1.13.0": "invalid_model @13 14 15, not_applicable @16 17",
        "tensorflow 2.4.4 + tf2onnx 1.13.0 (tf2.4.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.5.3 + tf2onnx 1.13.0": "invalid_model @13 14 15, not_applicable @16 17",
        "tensorflow 2.5.3 + tf2onnx 1.13.0 (tf2.5.3-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.6.5 + tf2onnx 1.13.0": "invalid_model @13 14 15, not_applicable @16 17",
        "tensorflow 2.6.5 + tf2onnx 1.13.0 (tf2.6.5-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.7.4 + tf2onnx 1.13.0": "invalid_model @13 14 15, not_applicable @16 17",
        "tensorflow 2.7.4 + tf2onnx 1.13.0 (tf2.7.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "invalid_model @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.12.1": "invalid_model @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0": "not_applicable @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.10)":
            "invalid_model @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.20.1-py3.10)":
            "invalid_model @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @14 16",
        "tensorflow 2.9.3 + tf2onnx 1.12.1": "invalid_model @13 14 15 16 17",
        "tensorflow 2.9.3 + tf2onnx 1.13.0": "invalid_model @13 14 15 16 17",
        "tensorflow 2.9.3 + tf2onnx 1.13.0 (tf2.9.3-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @14 16",
        "tensorflow 2.10.1 + tf2onnx 1.13.0": "invalid_model @13 14 15 16 17",
        "tensorflow 2.10.1 + tf2onnx 1.13.0 (tf2.10.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.11.1 + tf2onnx 1.13.0": "invalid_model @13 14 15 16 17",
        "tensorflow 2.11.1 + tf2onnx 1.13.0 (tf2.11.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.12.1 + tf2onnx 1.13.0": "not_applicable @13 14 15 16 17",
        "tensorflow 2.12.1 + tf2onnx 1.13.0 (tf2.12.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1)":
            "invalid_model @13 14 15 16 17",
        "tensorflow 2.12.1 + tf2onnx 1.14.0": "invalid_model @13 14 15 16 17 18",
        "tensorflow 2.12.1 + tf2onnx 1.15.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.12.1 + tf2onnx 1.16.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.12.1 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.13.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.13.1 + tf2onnx 1.15.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.13.1 + tf2onnx 1.16.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.13.1 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.14.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.14.1 + tf2onnx 1.15.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.14.1 + tf2onnx 1.16.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.14.1 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
        "tensorflow 2.15.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.15.1 + tf2onnx 1.15.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.15.1 + tf2onnx 1.16.1": "pass @13 14 15 16 17 18",
        "tensorflow 2.15.1 + tf2onnx 1.17.0": "pass @13 14 15 16 17 18",
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
        "agrees_with_issue": ("yes: the stated fix in 1.15.0 is reproduced: failing before it, clean on 27 releases "
                              "from it (the issue states 'export crash (None shape)'; here invalid_model on "
                              "tensorflow 2.2.3 + tf2onnx 1.13.0, tensorflow 2.3.4 + tf2onnx 1.13.0, tensorflow 2.4.4"
                              " + tf2onnx 1.13.0, tensorflow 2.5.3 + tf2onnx 1.13.0, tensorflow 2.6.5 + tf2onnx "
                              "1.13.0, tensorflow 2.7.4 + tf2onnx 1.13.0, tensorflow 2.7.4 + tf2onnx 1.13.0 "
                              "(tf2.7.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8), tensorflow 2.8.4 + tf2onnx 1.12.1,"
                              " tensorflow 2.8.4 + tf2onnx 1.13.0 "
                              "(tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.10), tensorflow 2.8.4 + tf2onnx 1.13.0"
                              " (tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.20.1-py3.10), tensorflow 2.9.3 + tf2onnx "
                              "1.12.1, tensorflow 2.9.3 + tf2onnx 1.13.0, tensorflow 2.10.1 + tf2onnx 1.13.0, "
                              "tensorflow 2.11.1 + tf2onnx 1.13.0, tensorflow 2.12.1 + tf2onnx 1.13.0 "
                              "(tf2.12.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1), tensorflow 2.12.1 + tf2onnx 1.14.0)"),
    },
}


def build():
    import numpy as np
    import tensorflow as tf

    from convtrack.suite import seeded

    @tf.function(input_signature=[tf.TensorSpec([2, 3], tf.float32), tf.TensorSpec([2, 3], tf.float32),
                                  tf.TensorSpec([2], tf.int32), tf.TensorSpec([2], tf.int32)])
    def concat_dynamic(x, y, s1, s2):
        xs = tf.slice(x, [0, 0], s1 + s2)
        return tf.concat([xs, y], -1)

    s1 = np.array([1, 1], dtype="int32")
    s2 = np.array([1, 2], dtype="int32")
    return concat_dynamic, [(x, y, s1, s2) for x, y in seeded((2, 3), (2, 3))]
