"""timm DeiT-Tiny distilled at 64x64, random weights: class and distillation tokens, averaged heads."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm deit_tiny_distilled_patch16_224 with img_size=64 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "deit", "vit"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("deit_tiny_distilled_patch16_224", pretrained=False, img_size=64).eval()
    return model, seeded((1, 3, 64, 64))
