"""torchvision VisionTransformer built small (2 layers, hidden 64, 32x32 image, patch 8), random weights."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision VisionTransformer(image 32, patch 8, 2 layers, 4 heads, hidden 64, mlp 128)",
    "tags": ["vision", "classification", "torchvision", "vit"],
    "requires": ["torchvision"],
}


def build():
    from torchvision.models.vision_transformer import VisionTransformer

    from convtrack.suite import seeded

    model = VisionTransformer(image_size=32, patch_size=8, num_layers=2, num_heads=4, hidden_dim=64, mlp_dim=128,
                              num_classes=10).eval()
    return model, seeded((1, 3, 32, 32))
