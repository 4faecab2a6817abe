"""conv1d with a filter whose in-channels are unknown: the Conv node got group = -3 and ORT refused it."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/2084",
    "description": "tf.nn.conv1d(x, w, 1, VALID) with signature x[None,None,3], w[4,None,5] (filter passed as input)",
    "tags": ["from_function", "conv1d", "dynamic", "invalid_model"],
    "stated": {"symptom": "ORT session fails (negative group)", "reported": "TF 2.4.1, onnx 1.10.2, ORT 1.9.0",
               "fixed": "1.15.0 (PR #2090, 554d90ad)"},
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
                              "from it (the issue states 'ORT session fails (negative group)'; here run_error on "
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
    import tensorflow as tf

    from convtrack.suite import seeded

    @tf.function(input_signature=[tf.TensorSpec([None, None, 3], tf.float32),
                                  tf.TensorSpec([4, None, 5], tf.float32)])
    def conv1d(x, w):
        return tf.nn.conv1d(x, w, stride=1, padding="VALID")

    return conv1d, seeded((2, 10, 3), (4, 3, 5))
