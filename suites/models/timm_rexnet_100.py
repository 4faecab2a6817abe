"""timm ReXNet 1.0, random weights: SiLU, ReLU6, squeeze-excite, channel-padded residuals."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm rexnet_100 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "rexnet"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("rexnet_100", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
