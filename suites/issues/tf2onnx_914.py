"""Bilinear resize with half_pixel_centers (the TF2 default): an always-pass control at opset >= 11."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/914",
    "description": "tf.image.resize(x[1,6,8,3], [12,16], bilinear) (half-pixel centers)",
    "tags": ["from_function", "control", "resize", "bilinear"],
    "stated": {"symptom": "wrong-output", "fixed": "before 1.9 (PR #932)",
               "note": "should pass everywhere at opset >= 11"},
    "paper": {"symptom": "Wrong Model", "cause": "Type Problem", "cause_subtype": "Node",
              "location": "Node Conversion", "artifact_row_id": 111},
    "observed": "",
}


def build():
    import tensorflow as tf

    from convtrack.suite import seeded

    @tf.function
    def resize(x):
        return tf.image.resize(x, [12, 16], method="bilinear")

    return resize, seeded((1, 6, 8, 3))
