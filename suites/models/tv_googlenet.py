"""torchvision GoogLeNet (Inception v1), random weights, no auxiliary heads."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision GoogLeNet (weights=None, aux_logits=False)",
    "tags": ["vision", "classification", "torchvision", "googlenet", "inception"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=True).eval()
    return model, seeded((1, 3, 64, 64))
