"""timm PVTv2-B0, random weights: spatial-reduction attention, overlapping patch embedding."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm pvt_v2_b0 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "pvt"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("pvt_v2_b0", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
