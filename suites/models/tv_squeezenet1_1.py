"""torchvision SqueezeNet 1.1, random weights: fire modules, ceil-mode max pooling."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision SqueezeNet 1.1 (weights=None)",
    "tags": ["vision", "classification", "torchvision", "squeezenet"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.squeezenet1_1(weights=None).eval()
    return model, seeded((1, 3, 64, 64))
