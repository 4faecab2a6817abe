"""timm ConvNeXt-Atto, random weights: the smallest ConvNeXt (3.7M parameters)."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm convnext_atto (pretrained=False)",
    "tags": ["vision", "classification", "timm", "convnext"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("convnext_atto", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
