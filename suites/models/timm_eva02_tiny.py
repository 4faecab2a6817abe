"""timm EVA-02 Tiny (depth 4 of 12) at 56x56, random weights: rotary position embedding, SwiGLU."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm eva02_tiny_patch14_224 with img_size=56, depth=4 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "eva", "vit"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("eva02_tiny_patch14_224", pretrained=False, img_size=56, depth=4).eval()
    return model, seeded((1, 3, 56, 56))
