"""torchvision Swin V2 built small (2 stages, dim 32, window 4), random weights: cosine attention, CPB MLP."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision SwinTransformer with SwinTransformerBlockV2 + PatchMergingV2, embed 32, window 4",
    "tags": ["vision", "classification", "torchvision", "swin"],
    "requires": ["torchvision"],
}


def build():
    from torchvision.models.swin_transformer import PatchMergingV2, SwinTransformer, SwinTransformerBlockV2

    from convtrack.suite import seeded

    model = SwinTransformer(patch_size=[4, 4], embed_dim=32, depths=[2, 2], num_heads=[2, 4], window_size=[4, 4],
                            num_classes=10, block=SwinTransformerBlockV2, downsample_layer=PatchMergingV2).eval()
    return model, seeded((1, 3, 32, 32))
