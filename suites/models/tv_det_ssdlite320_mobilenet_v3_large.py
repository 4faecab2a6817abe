"""torchvision SSDLite320 (MobileNetV3-Large), random weights: detection with resize, anchors, NMS and top-k.

Random weights give scores near uniform, so the post-processing keeps a data-dependent number of boxes:
the exporters must trace NonZero/NMS/TopK with dynamic output sizes.
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

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = det

        def forward(self, x):
            out = self.inner([x[0]])[0]
            return out["boxes"], out["scores"], out["labels"]

    return Wrapped().eval(), seeded((1, 3, 96, 96), low=0.0, high=1.0)
