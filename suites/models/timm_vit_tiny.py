"""timm ViT-Tiny/16 at 64x64 (16 patches), random weights."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm vit_tiny_patch16_224 with img_size=64 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "vit"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("vit_tiny_patch16_224", pretrained=False, img_size=64).eval()
    return model, seeded((1, 3, 64, 64))
