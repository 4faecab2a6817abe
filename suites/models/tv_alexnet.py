"""torchvision AlexNet, random weights, 64x64 input: adaptive average pooling to 6x6, large Linear layers."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision AlexNet (weights=None)",
    "tags": ["vision", "classification", "torchvision", "alexnet"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.alexnet(weights=None).eval()
    return model, seeded((1, 3, 64, 64))
