"""timm ResNeSt-14d, random weights: split attention (radix softmax), deep stem, avg-pool downsampling."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm resnest14d (pretrained=False)",
    "tags": ["vision", "classification", "timm", "resnest", "resnet"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("resnest14d", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
