"""transformers DeiT (with distillation token) from a small config, 32x32 image, random weights."""

CASE = {
    "converter": "torch.onnx",
    "description": "transformers DeiTForImageClassificationWithTeacher from a small config, logits",
    "tags": ["vision", "classification", "transformers", "deit"],
    "requires": ["transformers"],
    "rtol": 1e-3,
    "atol": 1e-4,
    "tolerance_reason": "softmax attention + LayerNorm stack in fp32: reassociation differences reach ~1e-5 absolute",
}


def build():
    import torch
    import transformers

    from convtrack.suite import seeded

    config = transformers.DeiTConfig(image_size=32, patch_size=8, hidden_size=64, num_hidden_layers=2,
                                      num_attention_heads=4, intermediate_size=128, num_labels=10)
    model = transformers.DeiTForImageClassificationWithTeacher(config).eval()

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = model

        def forward(self, pixel_values):
            return self.inner(pixel_values=pixel_values, return_dict=False)[0]

    return Wrapped().eval(), seeded((1, 3, 32, 32))
