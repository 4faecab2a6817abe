"""timm DLA-34, random weights: deep layer aggregation trees."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm dla34 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "dla"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("dla34", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
