"""torchvision ResNet-18, random weights, 64x64 input."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision ResNet-18 (weights=None)",
    "tags": ["vision", "classification", "torchvision", "resnet"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.resnet18(weights=None).eval()
    return model, seeded((1, 3, 64, 64))
