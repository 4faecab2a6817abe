"""timm CaiT-XXS (depth 6 of 24) at 64x64, random weights: talking-heads attention, class-attention layers."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm cait_xxs24_224 with img_size=64, depth=6 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "cait"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("cait_xxs24_224", pretrained=False, img_size=64, depth=6).eval()
    return model, seeded((1, 3, 64, 64))
