"""torchvision DenseNet-121, random weights: dense blocks of concatenations."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision DenseNet-121 (weights=None)",
    "tags": ["vision", "classification", "torchvision", "densenet"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.densenet121(weights=None).eval()
    return model, seeded((1, 3, 64, 64))
