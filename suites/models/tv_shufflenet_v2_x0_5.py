"""torchvision ShuffleNetV2 x0.5, random weights: channel shuffle (reshape/transpose), chunk.

With fresh batch-norm statistics its outputs hardly depended on the input (the first input's logits passed for every
other input, so any constant passed); they are measured on seeded random batches first (suite.calibrate_batch_norm).
"""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision ShuffleNetV2 x0.5 (weights=None)",
    "tags": ["vision", "classification", "torchvision", "shufflenet"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import calibrate_batch_norm, seeded

    model = calibrate_batch_norm(torchvision.models.shufflenet_v2_x0_5(weights=None), (2, 3, 64, 64))
    return model, seeded((1, 3, 64, 64))
