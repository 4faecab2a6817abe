"""torchvision RegNetY-400MF, random weights: grouped convs with squeeze-excite."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision RegNetY-400MF (weights=None)",
    "tags": ["vision", "classification", "torchvision", "regnet"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.regnet_y_400mf(weights=None).eval()
    return model, seeded((1, 3, 64, 64))
