"""torchvision ShuffleNetV2 x0.5, random weights: channel shuffle (reshape/transpose), chunk."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision ShuffleNetV2 x0.5 (weights=None)",
    "tags": ["vision", "classification", "torchvision", "shufflenet"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.shufflenet_v2_x0_5(weights=None).eval()
    return model, seeded((1, 3, 64, 64))
