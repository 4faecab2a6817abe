"""timm RegNetX-200MF, random weights."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm regnetx_002 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "regnet"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("regnetx_002", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
