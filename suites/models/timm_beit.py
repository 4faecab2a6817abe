"""timm BEiT at 32x32 (2 layers, dim 64), random weights: relative position bias, layer scale."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm beit_base_patch16_224 reduced to img 32, patch 8, dim 64, depth 2 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "beit", "vit"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("beit_base_patch16_224", pretrained=False,
                              img_size=32, patch_size=8, embed_dim=64, depth=2, num_heads=4).eval()
    return model, seeded((1, 3, 32, 32))
