"""torchvision ResNet-50, random weights, 64x64 input: bottleneck blocks."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision ResNet-50 (weights=None)",
    "tags": ["vision", "classification", "torchvision", "resnet"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.resnet50(weights=None).eval()
    return model, seeded((1, 3, 64, 64))
