"""timm RepVGG-A0 (training-time branches, not re-parameterised), random weights."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm repvgg_a0 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "repvgg", "byobnet"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("repvgg_a0", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
