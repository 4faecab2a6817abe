"""torchvision SwinTransformer built small (2 stages, dim 32, window 4), random weights: shifted-window attention."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision SwinTransformer(patch 4, embed 32, depths [2, 2], heads [2, 4], window 4), 32x32",
    "tags": ["vision", "classification", "torchvision", "swin"],
    "requires": ["torchvision"],
}


def build():
    from torchvision.models.swin_transformer import SwinTransformer

    from convtrack.suite import seeded

    model = SwinTransformer(patch_size=[4, 4], embed_dim=32, depths=[2, 2], num_heads=[2, 4], window_size=[4, 4],
                            num_classes=10).eval()
    return model, seeded((1, 3, 32, 32))
