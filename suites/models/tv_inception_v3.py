"""torchvision Inception v3, random weights, no auxiliary head, 96x96 input (minimum is 75)."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision Inception v3 (weights=None, aux_logits=False)",
    "tags": ["vision", "classification", "torchvision", "inception"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.inception_v3(weights=None, aux_logits=False, init_weights=True).eval()
    return model, seeded((1, 3, 96, 96))
