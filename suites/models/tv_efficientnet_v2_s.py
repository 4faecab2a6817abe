"""torchvision EfficientNetV2-S, random weights: fused MBConv stages."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision EfficientNetV2-S (weights=None)",
    "tags": ["vision", "classification", "torchvision", "efficientnetv2", "efficientnet"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.efficientnet_v2_s(weights=None).eval()
    return model, seeded((1, 3, 64, 64))
