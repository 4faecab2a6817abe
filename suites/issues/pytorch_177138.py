"""Bicubic downsampling with antialias=True: the dynamo export writes cubic_coeff_a=-0.75 (PyTorch uses -0.5)."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/177138",
    "description": "F.interpolate(scale_factor=0.5, mode='bicubic', antialias=True) on a 32x32 map",
    "tags": ["silent", "resize", "interpolate", "antialias"],
    "stated": {"symptom": "wrong-output", "exporters": ["dynamo"], "torch": "2026 builds", "opsets": [18],
               "legacy": "rejects antialias=True (unsupported)", "fixed": "closed; fix commit not identified"},
    "min_opset": 18,
    "observed": "",
}


def build():
    import torch
    import torch.nn.functional as F

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return F.interpolate(x, scale_factor=0.5, mode="bicubic", antialias=True)

    return Model(), seeded((1, 3, 32, 32), low=0.0, high=1.0)
