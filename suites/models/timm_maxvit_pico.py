"""timm MaxViT (rmlp pico) at 64x64, random weights: block and grid attention, MBConv."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm maxvit_rmlp_pico_rw_256 with img_size=64 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "maxvit"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("maxvit_rmlp_pico_rw_256", pretrained=False, img_size=64).eval()
    return model, seeded((1, 3, 64, 64))
