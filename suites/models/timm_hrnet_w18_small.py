"""timm HRNet-W18-Small, random weights: parallel resolutions fused by upsampling."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm hrnet_w18_small (pretrained=False)",
    "tags": ["vision", "classification", "timm", "hrnet"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("hrnet_w18_small", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
