"""torchvision MNASNet 0.5, random weights: NAS-found inverted residual stacks."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision MNASNet 0.5 (weights=None)",
    "tags": ["vision", "classification", "torchvision", "mnasnet"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.mnasnet0_5(weights=None).eval()
    return model, seeded((1, 3, 64, 64))
