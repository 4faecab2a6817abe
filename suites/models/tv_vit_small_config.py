"""torchvision VisionTransformer built small (2 layers, hidden 64, 32x32 image, patch 8), random weights.

torchvision zero-initialises the classification head, so its logits are the (zero) bias whatever the image, and any
converted model that returns zeros passed: the records of the earlier source prove nothing. The head gets seeded
random weights, as every other layer has.
"""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision VisionTransformer(image 32, patch 8, 2 layers, 4 heads, hidden 64, mlp 128)",
    "tags": ["vision", "classification", "torchvision", "vit"],
    "requires": ["torchvision"],
}


def build():
    import torch
    from torchvision.models.vision_transformer import VisionTransformer

    from convtrack.suite import seeded

    model = VisionTransformer(image_size=32, patch_size=8, num_layers=2, num_heads=4, hidden_dim=64, mlp_dim=128,
                              num_classes=10).eval()
    torch.nn.init.normal_(model.heads.head.weight, std=0.02)
    return model, seeded((1, 3, 32, 32))
