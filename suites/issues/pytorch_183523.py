"""Bilinear interpolate to 1x1 is exported with pytorch_half_pixel, which special-cases length-1 outputs."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/183523",
    "description": "F.interpolate(size=(1,1), mode='bilinear', align_corners=False): eager averages the centre",
    "tags": ["silent", "resize", "interpolate"],
    "stated": {"symptom": "wrong-output", "opsets": [18], "exporters": ["legacy", "dynamo"],
               "fixed": "dynamo path via microsoft/onnxscript#2918 (2026-05); legacy not fixed",
               "related": ["https://github.com/pytorch/pytorch/issues/79361"]},
    "min_opset": 11,
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, invalid_model @18; legacy: pass @13 17 18, not_applicable "
                        "@20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, mismatch @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: mismatch @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": "yes: mismatch on torch 2.4.1, torch 2.6.0 (7 of 7 releases pass in some mode/opset)",
    },
}


def build():
    import torch
    import torch.nn.functional as F

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return F.interpolate(x, size=(1, 1), mode="bilinear", align_corners=False)

    return Model(), seeded((1, 3, 10, 10), low=0.0, high=1.0)
