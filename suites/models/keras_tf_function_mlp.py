"""A Keras model converted through tf2onnx.convert.from_function (a tf.function wrapping the model call)."""

CASE = {
    "converter": "tf2onnx",
    "description": "Dense-ReLU-Dense model called inside a tf.function, converted with from_function",
    "tags": ["from_function", "mlp"],
}


def build():
    import keras
    import tensorflow as tf

    from convtrack.suite import seeded

    layers = keras.layers
    model = keras.Sequential([layers.Input((16,)), layers.Dense(32, activation="relu"), layers.Dense(4)])

    @tf.function
    def forward(x):
        return tf.nn.softmax(model(x, training=False), axis=-1)

    return forward, seeded((3, 16))
