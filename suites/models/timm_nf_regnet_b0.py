"""timm NF-RegNet-B0, random weights: normalizer-free, scaled weight-standardised convs."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm nf_regnet_b0 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "nfnet", "regnet"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("nf_regnet_b0", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
