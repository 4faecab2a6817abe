"""torchvision EfficientNet-B0, random weights: MBConv, SiLU, squeeze-excite."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision EfficientNet-B0 (weights=None)",
    "tags": ["vision", "classification", "torchvision", "efficientnet"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.efficientnet_b0(weights=None).eval()
    return model, seeded((1, 3, 64, 64))
