"""timm EdgeNeXt-XX-Small, random weights: split depthwise transposed attention (XCA)."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm edgenext_xx_small (pretrained=False)",
    "tags": ["vision", "classification", "timm", "edgenext"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("edgenext_xx_small", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
