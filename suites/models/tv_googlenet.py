"""torchvision GoogLeNet (Inception v1), random weights, no auxiliary heads.

With fresh batch-norm statistics its outputs hardly depended on the input (the first input's logits passed for every
other input, so any constant passed); they are measured on seeded random batches first (suite.calibrate_batch_norm).
"""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision GoogLeNet (weights=None, aux_logits=False)",
    "tags": ["vision", "classification", "torchvision", "googlenet", "inception"],
    "requires": ["torchvision"],
}


def build():
    import torchvision

    from convtrack.suite import calibrate_batch_norm, seeded

    model = calibrate_batch_norm(torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=True),
                                 (2, 3, 64, 64))
    return model, seeded((1, 3, 64, 64))
