"""timm RepVGG-A0 (training-time branches, not re-parameterised), random weights.

With fresh batch-norm statistics its outputs hardly depended on the input (the first input's logits passed for every
other input, so any constant passed); they are measured on seeded random batches first (suite.calibrate_batch_norm).
"""

CASE = {
    "converter": "torch.onnx",
    "description": "timm repvgg_a0 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "repvgg", "byobnet"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import calibrate_batch_norm, seeded

    model = calibrate_batch_norm(timm.create_model("repvgg_a0", pretrained=False), (2, 3, 64, 64))
    return model, seeded((1, 3, 64, 64))
