"""timm CoaT-Lite Tiny at 64x64, random weights: conv-attention with convolutional relative position encoding."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm coat_lite_tiny with img_size=64 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "coat"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("coat_lite_tiny", pretrained=False, img_size=64).eval()
    return model, seeded((1, 3, 64, 64))
