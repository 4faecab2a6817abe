"""timm FastViT-T8, random weights: RepMixer blocks and large-kernel conv positional encoding."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm fastvit_t8 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "fastvit"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("fastvit_t8", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
