"""transformers SegFormer from a small config, 64x64 image, random weights."""

CASE = {
    "converter": "torch.onnx",
    "description": "transformers SegformerForSemanticSegmentation from a small config, logits",
    "tags": ["vision", "segmentation", "transformers", "segformer"],
    "requires": ["transformers"],
    "rtol": 1e-3,
    "atol": 1e-4,
    "tolerance_reason": "softmax attention + LayerNorm stack in fp32: reassociation differences reach ~1e-5 absolute",
}


def build():
    import torch
    import transformers

    from convtrack.suite import seeded

    config = transformers.SegformerConfig(num_encoder_blocks=2, depths=[1, 1], sr_ratios=[2, 1], hidden_sizes=[16, 32],
                                           patch_sizes=[7, 3], strides=[4, 2], num_attention_heads=[1, 2],
                                           mlp_ratios=[2, 2], decoder_hidden_size=32, num_labels=5)
    model = transformers.SegformerForSemanticSegmentation(config).eval()

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = model

        def forward(self, pixel_values):
            return self.inner(pixel_values=pixel_values, return_dict=False)[0]

    return Wrapped().eval(), seeded((1, 3, 64, 64))
