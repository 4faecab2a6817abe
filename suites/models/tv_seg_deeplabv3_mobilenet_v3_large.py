"""torchvision segmentation: DeepLabV3 (ASPP) with a dilated MobileNetV3-Large backbone, random weights, 64x64."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision deeplabv3_mobilenet_v3_large(weights_backbone=None, num_classes=5), 'out'",
    "tags": ["vision", "segmentation", "torchvision", "deeplabv3"],
    "requires": ["torchvision"],
}


def build():
    import torch
    import torchvision

    from convtrack.suite import seeded

    seg = torchvision.models.segmentation.deeplabv3_mobilenet_v3_large(
        weights=None, weights_backbone=None, num_classes=5).eval()

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = seg

        def forward(self, x):
            return self.inner(x)["out"]

    return Wrapped().eval(), seeded((1, 3, 64, 64))
