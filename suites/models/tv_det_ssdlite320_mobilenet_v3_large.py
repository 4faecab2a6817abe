"""torchvision SSDLite320 (MobileNetV3-Large), random weights: detection with resize, anchors, NMS and top-k.

torchvision's own initialisation leaves every anchor with the same score (0.2 for 5 classes), so the order of
the kept boxes would be an arbitrary tie-break. The case re-initialises convolutions (Kaiming, fan-in) and gives
the classification head small weights (std 0.003): the 20 kept scores then differ by >= 2e-5, so a box order
that differs between torch and onnxruntime is a real difference, not a tie.
"""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision ssdlite320_mobilenet_v3_large(weights=None, weights_backbone=None, num_classes=5)",
    "tags": ["vision", "detection", "torchvision", "ssd"],
    "requires": ["torchvision"],
}


def build():
    import torch
    import torchvision

    from convtrack.suite import seeded

    det = torchvision.models.detection.ssdlite320_mobilenet_v3_large(
        weights=None, weights_backbone=None, num_classes=5, detections_per_img=20).eval()
    with torch.no_grad():
        for m in det.modules():
            if isinstance(m, torch.nn.Conv2d):
                torch.nn.init.kaiming_normal_(m.weight, mode="fan_in", nonlinearity="relu")
        for m in det.head.classification_head.module_list:
            m[-1].weight.normal_(0, 0.003)

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = det

        def forward(self, x):
            out = self.inner([x[0]])[0]
            return out["boxes"], out["scores"], out["labels"]

    return Wrapped().eval(), seeded((1, 3, 96, 96), low=0.0, high=1.0)
