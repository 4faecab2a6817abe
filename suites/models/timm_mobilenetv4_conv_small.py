"""timm MobileNetV4-Conv-Small, random weights: universal inverted bottlenecks."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm mobilenetv4_conv_small (pretrained=False)",
    "tags": ["vision", "classification", "timm", "mobilenet"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("mobilenetv4_conv_small", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
