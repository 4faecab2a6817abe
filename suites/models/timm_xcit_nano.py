"""timm XCiT-Nano-12/16 at 64x64, random weights: cross-covariance attention, class attention."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm xcit_nano_12_p16_224 with img_size=64 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "xcit"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("xcit_nano_12_p16_224", pretrained=False, img_size=64).eval()
    return model, seeded((1, 3, 64, 64))
