"""timm MobileViT-XXS at 64x64, random weights: unfold/fold of patches around transformer blocks."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm mobilevit_xxs (pretrained=False)",
    "tags": ["vision", "classification", "timm", "mobilevit"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("mobilevit_xxs", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
