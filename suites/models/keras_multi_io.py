"""A functional model with two inputs (image + vector) and two outputs (class logits + regression)."""

CASE = {
    "converter": "tf2onnx",
    "description": "two inputs ([16,16,3] image, [8] vector) -> shared trunk -> two heads (softmax 4, linear 1)",
    "tags": ["from_keras", "multi_input", "multi_output", "concat"],
}


def build():
    import keras

    from convtrack.suite import seeded

    layers = keras.layers
    image = keras.Input((16, 16, 3))
    vector = keras.Input((8,))
    x = layers.GlobalAveragePooling2D()(layers.Conv2D(8, 3, activation="relu")(image))
    x = layers.Concatenate()([x, layers.Dense(8, activation="relu")(vector)])
    classes = layers.Dense(4, activation="softmax")(x)
    value = layers.Dense(1)(x)
    return keras.Model([image, vector], [classes, value]), seeded((2, 16, 16, 3), (2, 8))
