"""timm GhostNet 1.0, random weights: ghost modules (cheap depthwise features concatenated)."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm ghostnet_100 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "ghostnet"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("ghostnet_100", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
