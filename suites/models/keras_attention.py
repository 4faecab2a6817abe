"""A transformer encoder block: MultiHeadAttention + LayerNormalization + feed-forward, residuals."""

CASE = {
    "converter": "tf2onnx",
    "description": ("functional encoder block: MultiHeadAttention(4 heads, key_dim 8) + LayerNorm + "
                    "Dense FFN on [2, 10, 32]"),
    "tags": ["from_keras", "transformer", "attention", "layer_norm", "softmax"],
}


def build():
    import keras

    from convtrack.suite import seeded

    layers = keras.layers
    x = inputs = keras.Input((10, 32))
    attn = layers.MultiHeadAttention(num_heads=4, key_dim=8)(x, x)
    x = layers.LayerNormalization(epsilon=1e-6)(x + attn)
    ffn = layers.Dense(32)(layers.Dense(64, activation="gelu")(x))
    x = layers.LayerNormalization(epsilon=1e-6)(x + ffn)
    outputs = layers.Dense(5)(layers.GlobalAveragePooling1D()(x))
    return keras.Model(inputs, outputs), seeded((2, 10, 32))
