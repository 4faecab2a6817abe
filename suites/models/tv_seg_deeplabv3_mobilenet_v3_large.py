"""torchvision segmentation: DeepLabV3 (ASPP) with a dilated MobileNetV3-Large backbone, random weights, 64x64.

In eval mode a fresh BatchNorm only applies its affine (running mean 0, variance 1), and through the random backbone
the activations shrink to 1e-8: the output was the classifier's bias whatever the image, and any converted model
returning that constant passed. Batch-norm statistics are measured on seeded random batches first
(suite.calibrate_batch_norm), as training would leave them.
"""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision deeplabv3_mobilenet_v3_large(weights_backbone=None, num_classes=5), 'out'",
    "tags": ["vision", "segmentation", "torchvision", "deeplabv3"],
    "requires": ["torchvision"],
}


def build():
    import torch
    import torchvision

    from convtrack.suite import calibrate_batch_norm, seeded

    seg = calibrate_batch_norm(torchvision.models.segmentation.deeplabv3_mobilenet_v3_large(
        weights=None, weights_backbone=None, num_classes=5), (2, 3, 64, 64))

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = seg

        def forward(self, x):
            return self.inner(x)["out"]

    return Wrapped().eval(), seeded((1, 3, 64, 64))
