"""timm Swin-T reduced (window 4, 2 stages, dim 32) at 32x32, random weights: shifted windows."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm swin_tiny_patch4_window7_224 reduced: img 32, window 4, dim 32, depths (2, 2)",
    "tags": ["vision", "classification", "timm", "swin"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("swin_tiny_patch4_window7_224", pretrained=False,
                              img_size=32, window_size=4, embed_dim=32, depths=(2, 2), num_heads=(2, 4)).eval()
    return model, seeded((1, 3, 32, 32))
