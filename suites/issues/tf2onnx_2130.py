"""resize_nearest_neighbor with align_corners=True: TF rounds the source index, old tf2onnx floored it."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/pull/2130",
    "description": "tf.compat.v1.image.resize_nearest_neighbor(x[1,15,20,2], [30,40], align_corners=True)",
    "tags": ["from_function", "silent", "resize", "nearest"],
    "stated": {"symptom": "wrong-output", "broken": "1.9-1.13.0 (nearest_mode floor)",
               "fixed": "1.14.0 (PR #2130, ec01956a)"},
    "observed": {
        "tensorflow 2.2.3 + tf2onnx 1.13.0": "mismatch @13 14 15, not_applicable @16 17",
        "tensorflow 2.2.3 + tf2onnx 1.13.0 (tf2.2.3-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.3.4 + tf2onnx 1.13.0": "mismatch @13 14 15, not_applicable @16 17",
        "tensorflow 2.3.4 + tf2onnx 1.13.0 (tf2.3.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.4.4 + tf2onnx 1.13.0": "mismatch @13 14 15, not_applicable @16 17",
        "tensorflow 2.4.4 + tf2onnx 1.13.0 (tf2.4.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.5.3 + tf2onnx 1.13.0": "mismatch @13 14 15, not_applicable @16 17",
        "tensorflow 2.5.3 + tf2onnx 1.13.0 (tf2.5.3-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.6.5 + tf2onnx 1.13.0": "mismatch @13 14 15, not_applicable @16 17",
        "tensorflow 2.6.5 + tf2onnx 1.13.0 (tf2.6.5-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.7.4 + tf2onnx 1.13.0": "mismatch @13 14 15, not_applicable @16 17",
        "tensorflow 2.7.4 + tf2onnx 1.13.0 (tf2.7.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "mismatch @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.12.1": "mismatch @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0": "not_applicable @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.10)":
            "mismatch @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.20.1-py3.10)":
            "mismatch @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @14 16",
        "tensorflow 2.9.3 + tf2onnx 1.12.1": "mismatch @13 14 15 16 17",
        "tensorflow 2.9.3 + tf2onnx 1.13.0": "mismatch @13 14 15 16 17",
        "tensorflow 2.9.3 + tf2onnx 1.13.0 (tf2.9.3-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @14 16",
        "tensorflow 2.10.1 + tf2onnx 1.13.0": "mismatch @13 14 15 16 17",
        "tensorflow 2.10.1 + tf2onnx 1.13.0 (tf2.10.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.11.1 + tf2onnx 1.13.0": "mismatch @13 14 15 16 17",
        "tensorflow 2.11.1 + tf2onnx 1.13.0 (tf2.11.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.12.1 + tf2onnx 1.13.0": "not_applicable @13 14 15 16 17",
        "tensorflow 2.12.1 + tf2onnx 1.13.0 (tf2.12.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1)":
            "mismatch @13 14 15 16 17",
        "tensorflow 2.12.1 + tf2onnx 1.14.0": "pass @13 14 15 16 17 18",
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
        "agrees_with_issue": ("yes: mismatch on tensorflow 2.2.3 + tf2onnx 1.13.0, tensorflow 2.3.4 + tf2onnx 1.13.0,"
                              " tensorflow 2.4.4 + tf2onnx 1.13.0, tensorflow 2.5.3 + tf2onnx 1.13.0, tensorflow "
                              "2.6.5 + tf2onnx 1.13.0, tensorflow 2.7.4 + tf2onnx 1.13.0, tensorflow 2.7.4 + tf2onnx "
                              "1.13.0 (tf2.7.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8), tensorflow 2.8.4 + tf2onnx "
                              "1.12.1, tensorflow 2.8.4 + tf2onnx 1.13.0 "
                              "(tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.10), tensorflow 2.8.4 + tf2onnx 1.13.0"
                              " (tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.20.1-py3.10), tensorflow 2.9.3 + tf2onnx "
                              "1.12.1, tensorflow 2.9.3 + tf2onnx 1.13.0, tensorflow 2.10.1 + tf2onnx 1.13.0, "
                              "tensorflow 2.11.1 + tf2onnx 1.13.0, tensorflow 2.12.1 + tf2onnx 1.13.0 "
                              "(tf2.12.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1); the stated fix in 1.14.0 is reproduced:"
                              " failing before it, clean on 28 releases from it (28 of 43 releases pass in some "
                              "mode/opset)"),
    },
}


def build():
    import tensorflow as tf

    from convtrack.suite import seeded

    @tf.function
    def resize(x):
        return tf.compat.v1.image.resize_nearest_neighbor(x, [30, 40], align_corners=True)

    return resize, seeded((1, 15, 20, 2))
