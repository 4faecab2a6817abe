"""torchvision MobileNetV3-Large, random weights: hardswish, hardsigmoid squeeze-excite."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision MobileNetV3-Large (weights=None)",
    "tags": ["vision", "classification", "torchvision", "mobilenet"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.mobilenet_v3_large(weights=None).eval()
    return model, seeded((1, 3, 64, 64))
