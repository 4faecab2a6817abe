"""timm PoolFormer-S12 (MetaFormer), random weights: average pooling as token mixer, GroupNorm."""

CASE = {
    "converter": "torch.onnx",
    "description": "timm poolformer_s12 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "poolformer", "metaformer"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import seeded

    model = timm.create_model("poolformer_s12", pretrained=False).eval()
    return model, seeded((1, 3, 64, 64))
