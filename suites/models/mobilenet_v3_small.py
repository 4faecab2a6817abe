"""torchvision MobileNetV3-Small, random weights: hardswish, squeeze-excite, depthwise convs."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision MobileNetV3-Small (weights=None)",
    "tags": ["vision", "classification", "torchvision", "mobilenet"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.mobilenet_v3_small(weights=None).eval()
    return model, seeded((1, 3, 64, 64))
