"""timm EfficientViT-B0 (MIT), random weights: ReLU linear attention with multi-scale tokens.

With fresh batch-norm statistics its logits moved by 7e-6 between inputs at magnitude 1 (within the tolerance, so
any constant passed); they are measured on seeded random batches first (suite.calibrate_batch_norm).
"""

CASE = {
    "converter": "torch.onnx",
    "description": "timm efficientvit_b0 (pretrained=False)",
    "tags": ["vision", "classification", "timm", "efficientvit"],
    "requires": ["timm"],
}


def build():
    import timm

    from convtrack.suite import calibrate_batch_norm, seeded

    model = calibrate_batch_norm(timm.create_model("efficientvit_b0", pretrained=False), (2, 3, 64, 64))
    return model, seeded((1, 3, 64, 64))
