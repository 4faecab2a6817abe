"""resize_nearest_neighbor with align_corners=True: TF rounds the source index, old tf2onnx floored it."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/pull/2130",
    "description": "tf.compat.v1.image.resize_nearest_neighbor(x[1,15,20,2], [30,40], align_corners=True)",
    "tags": ["from_function", "silent", "resize", "nearest"],
    "stated": {"symptom": "wrong-output", "broken": "1.9-1.13.0 (nearest_mode floor)",
               "fixed": "1.14.0 (PR #2130, ec01956a)"},
    "observed": {
        "tensorflow 2.12.1 + tf2onnx 1.14.0": "pass @13 15 17",
        "tensorflow 2.12.1 + tf2onnx 1.15.1": "pass @13 15 17",
        "tensorflow 2.12.1 + tf2onnx 1.16.1": "pass @13 15 17",
        "tensorflow 2.12.1 + tf2onnx 1.17.0": "pass @13 15 17",
        "tensorflow 2.13.1 + tf2onnx 1.15.1": "pass @13 15 17",
        "tensorflow 2.13.1 + tf2onnx 1.16.1": "pass @13 15 17",
        "tensorflow 2.13.1 + tf2onnx 1.17.0": "pass @13 15 17",
        "tensorflow 2.15.1 + tf2onnx 1.15.1": "pass @13 15 17",
        "tensorflow 2.15.1 + tf2onnx 1.16.1": "pass @13 15 17",
        "tensorflow 2.15.1 + tf2onnx 1.17.0": "pass @13 15 17",
        "tensorflow 2.17.1 + tf2onnx 1.15.1": "pass @13 15 17",
        "tensorflow 2.17.1 + tf2onnx 1.16.1": "pass @13 15 17",
        "tensorflow 2.17.1 + tf2onnx 1.17.0": "pass @13 15 17",
        "agrees_with_issue": ("no: passes on every release run (13 releases); stated fixed in 1.14.0, before the "
                              "oldest release run (1.14.0): a control; the stated broken release 1.9-1.13.0 was never "
                              "run"),
    },
}


def build():
    import tensorflow as tf

    from convtrack.suite import seeded

    @tf.function
    def resize(x):
        return tf.compat.v1.image.resize_nearest_neighbor(x, [30, 40], align_corners=True)

    return resize, seeded((1, 15, 20, 2))
