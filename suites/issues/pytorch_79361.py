"""Bilinear resize to an output length of 1 on one axis: pytorch_half_pixel special-cases length-1 outputs."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/79361",
    "description": "F.interpolate(size=(1, 6), mode='bilinear', align_corners=False) on a 5x9 map",
    "tags": ["silent", "resize", "interpolate"],
    "stated": {"symptom": "wrong-output", "torch": "1.11/1.12-era",
               "proposal": "export with half_pixel instead of pytorch_half_pixel",
               "fixed": "dynamo path via microsoft/onnxscript#2918 (2026-05); legacy not fixed",
               "related": ["https://github.com/pytorch/pytorch/issues/183523"]},
    "paper": {"symptom": "Wrong Model", "cause": "Type Problem", "location": "Node Conversion"},
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
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (legacy; reported on torch 1.12, "
                              "before export(dynamo=) existed) (7 releases); other modes, not counted: invalid_model "
                              "on torch 2.1.2; mismatch on torch 2.4.1, torch 2.6.0"),
    },
}


def build():
    import torch
    import torch.nn.functional as F

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return F.interpolate(x, size=(1, 6), mode="bilinear", align_corners=False)

    return Model(), seeded((1, 2, 5, 9), low=0.0, high=1.0)
