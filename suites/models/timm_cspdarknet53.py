"""timm CSPDarkNet-53, random weights: cross-stage partial blocks, LeakyReLU."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm cspdarknet53 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "cspnet", "darknet"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("cspdarknet53", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
