"""transformers ViT from a small config (2 layers, hidden 64, 32x32 image), random weights."""

CASE = {
    "converter": "torch.onnx",
    "description": "transformers ViTModel from a 2-layer config",
    "tags": ["vision", "classification", "transformers", "vit"],
    "requires": ["transformers"],
    "rtol": 1e-3,
    "atol": 1e-4,
    "tolerance_reason": "LayerNorm + GELU + attention in fp32: differences of ~3e-5 are reassociation, not bugs",
}


def build():
    import torch
    import transformers

    from convtrack.suite import seeded

    config = transformers.ViTConfig(image_size=32, patch_size=8, num_channels=3, hidden_size=64,
                                    num_hidden_layers=2, num_attention_heads=4, intermediate_size=128)
    model = transformers.ViTModel(config, add_pooling_layer=False).eval()

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = model

        def forward(self, pixel_values):
            return self.inner(pixel_values=pixel_values, return_dict=False)[0]

    return Wrapped().eval(), seeded((1, 3, 32, 32))
