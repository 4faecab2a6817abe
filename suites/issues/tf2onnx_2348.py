"""from_keras on a Keras 3 Sequential model: 'Sequential' object has no attribute 'output_names'."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/2348",
    "description": "keras.Sequential([Input((20,20,3)), Conv2D(8, 1)]) through from_keras (the issue used 80x80)",
    "tags": ["from_keras", "keras3", "api", "conv"],
    "stated": {"symptom": "export crash (AttributeError: output_names)", "reported": "TF >= 2.16 (2.17), opset 18",
               "broken": "TF >= 2.16 with tf2onnx <= 1.16.1", "fixed": "1.17.0 (_get_output_names) [src]",
               "related": ["https://github.com/onnx/tensorflow-onnx/issues/2319"]},
    "expect_signature": "output_names",
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
        "tensorflow 2.16.2 + tf2onnx 1.15.1": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.16.2 + tf2onnx 1.16.1": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.16.2 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.17.1 + tf2onnx 1.15.1": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.16.1": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.17.1 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.18.1 + tf2onnx 1.15.1": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.16.1": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.18.1 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.14.0": "not_applicable @14 16 18",
        "tensorflow 2.19.1 + tf2onnx 1.15.1": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.16.1": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.19.1 + tf2onnx 1.17.0 (tf2.19.1-tf2onnx1.17.0-onnx1.17.0-ort1.20.1)":
            "convert_error @13 14 15 16 17 18",
        "tensorflow 2.20.0 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "tensorflow 2.21.0 + tf2onnx 1.17.0": "convert_error @13 14 15 16 17 18",
        "agrees_with_issue": ("yes: convert_error on tensorflow 2.16.2 + tf2onnx 1.15.1, tensorflow 2.16.2 + tf2onnx "
                              "1.16.1, tensorflow 2.17.1 + tf2onnx 1.15.1, tensorflow 2.17.1 + tf2onnx 1.16.1, "
                              "tensorflow 2.18.1 + tf2onnx 1.15.1, tensorflow 2.18.1 + tf2onnx 1.16.1, tensorflow "
                              "2.19.1 + tf2onnx 1.15.1, tensorflow 2.19.1 + tf2onnx 1.16.1 (28 of 43 releases pass in"
                              " some mode/opset)"),
    },
}


def build():
    import keras

    from convtrack.suite import seeded

    model = keras.Sequential([keras.layers.Input((20, 20, 3)), keras.layers.Conv2D(8, 1, 1)])
    return model, seeded((1, 20, 20, 3))
