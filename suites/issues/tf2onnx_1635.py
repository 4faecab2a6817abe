"""ReverseV2 on a 1-D tensor (a control: fixed before every release tracked here)."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/1635",
    "description": "tf.reverse(x, axis=[0]) on a 1-D float vector of 9 elements, then * 3",
    "tags": ["from_function", "control", "reverse"],
    "stated": {"symptom": "ORT load failure", "fixed": "1.9.3 (PR #1691, 01ec0923)"},
    "observed": "",
}


def build():
    import tensorflow as tf

    from convtrack.suite import seeded

    @tf.function
    def reverse(x):
        return tf.reverse(x, axis=[0]) * 3.0

    return reverse, seeded((9,))
