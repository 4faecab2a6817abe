"""torchvision Wide-ResNet-50-2 blocks at reduced depth (one bottleneck per stage), random weights.

torchvision's ResNet class with width_per_group=128 as in wide_resnet50_2, but layers [1, 1, 1, 1] instead of
[3, 4, 6, 3]: the full model has 69M parameters and its export alone takes ~25 s.
"""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision ResNet(Bottleneck, [1, 1, 1, 1], width_per_group=128): Wide-ResNet-2 blocks",
    "tags": ["vision", "classification", "torchvision", "wide-resnet", "resnet"],
    "requires": ["torchvision"],
}


def build():
    from torchvision.models.resnet import Bottleneck, ResNet

    from convtrack.suite import seeded

    model = ResNet(Bottleneck, [1, 1, 1, 1], width_per_group=128).eval()
    return model, seeded((1, 3, 64, 64))
