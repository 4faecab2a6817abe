"""torchvision Wide-ResNet-50-2, random weights: bottlenecks twice as wide."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision Wide-ResNet-50-2 (weights=None)",
    "tags": ["vision", "classification", "torchvision", "wide-resnet", "resnet"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.wide_resnet50_2(weights=None).eval()
    return model, seeded((1, 3, 64, 64))
