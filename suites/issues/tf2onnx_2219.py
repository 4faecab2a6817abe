"""Keras BatchNormalization on a rank-3 tensor: converted as Mul/Add, not BatchNormalization (structural)."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/2219",
    "description": "Input((T=6, C=5)) -> BatchNormalization() (moving stats set to non-trivial values)",
    "tags": ["from_keras", "structural", "batchnorm"],
    "stated": {"symptom": "structural (Mul/Add instead of BatchNormalization for rank < 4)", "status": "open",
               "reported": "around tf2onnx 1.14/1.15"},
    "expect_ops": {"present": ["BatchNormalization"]},
    "observed": {
        "tensorflow 2.2.3 + tf2onnx 1.13.0": "pass @13 14 15, not_applicable @16 17",
        "tensorflow 2.2.3 + tf2onnx 1.13.0 (tf2.2.3-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.3.4 + tf2onnx 1.13.0": "pass @13 14 15, not_applicable @16 17",
        "tensorflow 2.3.4 + tf2onnx 1.13.0 (tf2.3.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.4.4 + tf2onnx 1.13.0": "pass @13 14 15, not_applicable @16 17",
        "tensorflow 2.4.4 + tf2onnx 1.13.0 (tf2.4.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.5.3 + tf2onnx 1.13.0": "pass @13 14 15, not_applicable @16 17",
        "tensorflow 2.5.3 + tf2onnx 1.13.0 (tf2.5.3-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.6.5 + tf2onnx 1.13.0": "pass @13 14 15, not_applicable @16 17",
        "tensorflow 2.6.5 + tf2onnx 1.13.0 (tf2.6.5-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.7.4 + tf2onnx 1.13.0": "pass @13 14 15, not_applicable @16 17",
        "tensorflow 2.7.4 + tf2onnx 1.13.0 (tf2.7.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8)":
            "pass @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.12.1": "pass @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0": "not_applicable @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.10)":
            "pass @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.12.0-ort1.20.1-py3.10)":
            "pass @13 14 15 16 17",
        "tensorflow 2.8.4 + tf2onnx 1.13.0 (tf2.8.4-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @14 16",
        "tensorflow 2.9.3 + tf2onnx 1.12.1": "pass @13 14 15 16 17",
        "tensorflow 2.9.3 + tf2onnx 1.13.0": "pass @13 14 15 16 17",
        "tensorflow 2.9.3 + tf2onnx 1.13.0 (tf2.9.3-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @14 16",
        "tensorflow 2.10.1 + tf2onnx 1.13.0": "pass @13 14 15 16 17",
        "tensorflow 2.10.1 + tf2onnx 1.13.0 (tf2.10.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.11.1 + tf2onnx 1.13.0": "pass @13 14 15 16 17",
        "tensorflow 2.11.1 + tf2onnx 1.13.0 (tf2.11.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1-py3.10)":
            "not_applicable @13 14 15 16 17",
        "tensorflow 2.12.1 + tf2onnx 1.13.0": "not_applicable @13 14 15 16 17",
        "tensorflow 2.12.1 + tf2onnx 1.13.0 (tf2.12.1-tf2onnx1.13.0-onnx1.14.1-ort1.20.1)":
            "pass @13 14 15 16 17",
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
        "tensorflow 2.16.2 + tf2onnx 1.15.1": "not_applicable @13 14 15 16 17 18",
        "tensorflow 2.16.2 + tf2onnx 1.16.1": "not_applicable @13 14 15 16 17 18",
        "tensorflow 2.16.2 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.17.1 + tf2onnx 1.15.1": "not_applicable @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.16.1": "not_applicable @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.18.1 + tf2onnx 1.15.1": "not_applicable @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.16.1": "not_applicable @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.19.1 + tf2onnx 1.15.1": "not_applicable @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.16.1": "not_applicable @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.17.0 (tf2.19.1-tf2onnx1.17.0-onnx1.17.0-ort1.20.1)":
            "convert_error @13 14 15 16 17 18",
        "tensorflow 2.20.0 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.21.0 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "agrees_with_issue": ("yes: the converted model lacks BatchNormalization on tensorflow 2.2.3 + tf2onnx "
                              "1.13.0, tensorflow 2.3.4 + tf2onnx 1.13.0, tensorflow 2.4.4 + tf2onnx 1.13.0, "
                              "tensorflow 2.5.3 + tf2onnx 1.13.0, tensorflow 2.6.5 + tf2onnx 1.13.0, tensorflow 2.7.4"
                              " + tf2onnx 1.13.0, tensorflow 2.7.4 + tf2onnx 1.13.0 "
                              "(tf2.7.4-tf2onnx1.13.0-onnx1.12.0-ort1.19.2-py3.8), tensorflow 2.8.4 + tf2onnx 1.12.1,"
                              " tensorflow 2.8.4 + tf2onnx 1.13.0 "
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
                              "2.15.1 + tf2onnx 1.17.0; failures seen: convert_error on tensorflow 2.16.2 + tf2onnx "
                              "1.17.0, tensorflow 2.17.1 + tf2onnx 1.17.0, tensorflow 2.18.1 + tf2onnx 1.17.0, "
                              "tensorflow 2.19.1 + tf2onnx 1.17.0, tensorflow 2.19.1 + tf2onnx 1.17.0 "
                              "(tf2.19.1-tf2onnx1.17.0-onnx1.17.0-ort1.20.1), tensorflow 2.20.0 + tf2onnx 1.17.0, "
                              "tensorflow 2.21.0 + tf2onnx 1.17.0"),
    },
}


def build():
    import keras
    import numpy as np

    from convtrack.suite import seeded

    bn = keras.layers.BatchNormalization()
    model = keras.Sequential([keras.layers.Input((6, 5)), bn])
    rng = np.random.default_rng(3)
    gamma, beta, mean, var = (rng.uniform(0.5, 1.5, 5).astype("float32") for _ in range(4))
    bn.set_weights([gamma, beta - 1.0, mean - 1.0, var])
    return model, seeded((2, 6, 5))
