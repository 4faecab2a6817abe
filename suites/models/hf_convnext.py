"""transformers ConvNeXt from a small config, 32x32 image, random weights."""

CASE = {
    "converter": "torch.onnx",
    "description": "transformers ConvNextForImageClassification from a small config, logits",
    "tags": ["vision", "classification", "transformers", "convnext"],
    "requires": ["transformers"],
    "rtol": 1e-3,
    "atol": 1e-4,
    "tolerance_reason": "softmax attention + LayerNorm stack in fp32: reassociation differences reach ~1e-5 absolute",
}


def build():
    import torch
    import transformers

    from convtrack.suite import seeded

    config = transformers.ConvNextConfig(hidden_sizes=[16, 32], depths=[1, 1], num_stages=2, num_labels=10)
    model = transformers.ConvNextForImageClassification(config).eval()

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = model

        def forward(self, pixel_values):
            return self.inner(pixel_values=pixel_values, return_dict=False)[0]

    return Wrapped().eval(), seeded((1, 3, 32, 32))
