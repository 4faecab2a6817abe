"""Keras BatchNormalization on a rank-3 tensor: converted as Mul/Add, not BatchNormalization (structural)."""

CASE = {
    "converter": "tf2onnx",
    "issue": "https://github.com/onnx/tensorflow-onnx/issues/2219",
    "description": "Input((T=6, C=5)) -> BatchNormalization() (moving stats set to non-trivial values)",
    "tags": ["from_keras", "structural", "batchnorm"],
    "stated": {"symptom": "structural (Mul/Add instead of BatchNormalization for rank < 4)", "status": "open",
               "reported": "around tf2onnx 1.14/1.15"},
    "expect_ops": {"present": ["BatchNormalization"]},
    "observed": "",
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
