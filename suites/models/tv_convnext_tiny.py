"""torchvision ConvNeXt-Tiny, random weights: 7x7 depthwise convs, channels-last LayerNorm, layer scale."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision ConvNeXt-Tiny (weights=None)",
    "tags": ["vision", "classification", "torchvision", "convnext"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.convnext_tiny(weights=None).eval()
    return model, seeded((1, 3, 64, 64))
