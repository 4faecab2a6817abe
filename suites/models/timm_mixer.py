"""timm MLP-Mixer at 64x64 (depth 2, dim 64), random weights: token- and channel-mixing MLPs."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm MlpMixer (S/16 layout) reduced to img 64, dim 64, 2 blocks",
    "tags": ["vision", "classification", "timm", "mixer"],
    "requires": ["timm"],
}


def build():
    from timm.models.mlp_mixer import MlpMixer

    from convtrack.suite import seeded

    model = MlpMixer(img_size=64, patch_size=16, num_blocks=2, embed_dim=64).eval()
    return model, seeded((1, 3, 64, 64))
