"""timm EfficientViT-B0 (MIT), random weights: ReLU linear attention with multi-scale tokens."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm efficientvit_b0 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "efficientvit"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("efficientvit_b0", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
