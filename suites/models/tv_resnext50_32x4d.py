"""torchvision ResNeXt-50 32x4d, random weights: grouped 3x3 convolutions (groups=32)."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision ResNeXt-50 32x4d (weights=None)",
    "tags": ["vision", "classification", "torchvision", "resnext"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.resnext50_32x4d(weights=None).eval()
    return model, seeded((1, 3, 64, 64))
