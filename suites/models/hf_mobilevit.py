"""transformers MobileViT from a small config, 64x64 image, random weights.

With fresh batch-norm statistics its logits hardly depended on the input (the first input's logits passed for every
other input, so any constant passed); they are measured on seeded random batches first (suite.calibrate_batch_norm).
"""

CASE = {
    "converter": "torch.onnx",
    "description": "transformers MobileViTForImageClassification from a small config, logits",
    "tags": ["vision", "classification", "transformers", "mobilevit"],
    "requires": ["transformers"],
    "rtol": 1e-3,
    "atol": 1e-4,
    "tolerance_reason": "softmax attention + LayerNorm stack in fp32: reassociation differences reach ~1e-5 absolute",
}


def build():
    import torch
    import transformers

    from convtrack.suite import calibrate_batch_norm, seeded

    config = transformers.MobileViTConfig(image_size=64, hidden_sizes=[32, 48, 64],
                                           neck_hidden_sizes=[8, 16, 24, 32, 48, 64, 128], num_attention_heads=2,
                                           num_labels=10)
    model = calibrate_batch_norm(transformers.MobileViTForImageClassification(config), (2, 3, 64, 64))

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = model

        def forward(self, pixel_values):
            return self.inner(pixel_values=pixel_values, return_dict=False)[0]

    return Wrapped().eval(), seeded((1, 3, 64, 64))
