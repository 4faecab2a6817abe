"""transformers Swin from a small config, 32x32 image, random weights."""

CASE = {
    "converter": "torch.onnx",
    "description": "transformers SwinForImageClassification from a small config, logits",
    "tags": ["vision", "classification", "transformers", "swin"],
    "requires": ["transformers"],
    "rtol": 1e-3,
    "atol": 1e-4,
    "tolerance_reason": "softmax attention + LayerNorm stack in fp32: reassociation differences reach ~1e-5 absolute",
}


def build():
    import torch
    import transformers

    from convtrack.suite import seeded

    config = transformers.SwinConfig(image_size=32, patch_size=4, embed_dim=16, depths=[2, 2], num_heads=[2, 4],
                                      window_size=4, num_labels=10)
    model = transformers.SwinForImageClassification(config).eval()

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = model

        def forward(self, pixel_values):
            return self.inner(pixel_values=pixel_values, return_dict=False)[0]

    return Wrapped().eval(), seeded((1, 3, 32, 32))
