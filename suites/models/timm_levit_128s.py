"""timm LeViT-128S at 64x64, random weights: attention biases, hardswish, BatchNorm-folded linears."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm levit_128s with img_size=64 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "levit"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("levit_128s", pretrained=False, img_size=64).eval()
    return model, seeded((1, 3, 64, 64))
