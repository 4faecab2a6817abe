"""timm EfficientNetV2-RW-T, random weights: fused and depthwise MBConv stages."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm efficientnetv2_rw_t (pretrained=False)",
    "tags": ["vision", "classification", "timm", "efficientnetv2", "efficientnet"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("efficientnetv2_rw_t", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
