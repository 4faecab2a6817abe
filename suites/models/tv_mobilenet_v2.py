"""torchvision MobileNetV2, random weights: inverted residuals, ReLU6, depthwise convs."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision MobileNetV2 (weights=None)",
    "tags": ["vision", "classification", "torchvision", "mobilenet"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.mobilenet_v2(weights=None).eval()
    return model, seeded((1, 3, 64, 64))
