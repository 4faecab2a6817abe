"""torchvision EfficientNet-B0, random weights: MBConv, SiLU, squeeze-excite.

Random weights with default BatchNorm statistics (mean 0, variance 1) give unrealistic activations (logits ~1e-14), so
the BatchNorm running statistics are calibrated once on a separate seeded batch of 16 (momentum None, i.e. the
batch's own statistics, in train mode), as the Keras cases do: the outputs are then O(1).
"""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision EfficientNet-B0 (weights=None)",
    "tags": ["vision", "classification", "torchvision", "efficientnet"],
    "requires": ["torchvision"],
}


def calibrate(torch, model, batch):
    """Set every BatchNorm's running mean/variance to the statistics of `batch` (one forward pass)."""
    norms = [m for m in model.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
    for norm in norms:
        norm.reset_running_stats()
        norm.momentum = None  # cumulative average: after one batch, exactly its statistics
    model.train()
    with torch.no_grad():
        model(torch.from_numpy(batch))
    for norm in norms:
        norm.momentum = 0.1
    return model.eval()


def build():
    import torch
    import torchvision

    from convtrack.suite import seeded

    model = torchvision.models.efficientnet_b0(weights=None)
    model = calibrate(torch, model, seeded((16, 3, 64, 64), seeds=(100,))[0][0])
    return model, seeded((1, 3, 64, 64))
