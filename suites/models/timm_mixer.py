"""timm MLP-Mixer at 64x64 (depth 2, dim 64), random weights: token- and channel-mixing MLPs.

timm zero-initialises the head (weight and bias), so the logits were zero whatever the image and any converted model
returning zeros passed; the head gets seeded random weights, as every other layer has.
"""

CASE = {
    "converter": "torch.onnx",
    "description": "timm MlpMixer (S/16 layout) reduced to img 64, dim 64, 2 blocks",
    "tags": ["vision", "classification", "timm", "mixer"],
    "requires": ["timm"],
}


def build():
    import torch
    from timm.models.mlp_mixer import MlpMixer

    from convtrack.suite import seeded

    model = MlpMixer(img_size=64, patch_size=16, num_blocks=2, embed_dim=64).eval()
    torch.nn.init.normal_(model.head.weight, std=0.02)
    return model, seeded((1, 3, 64, 64))
