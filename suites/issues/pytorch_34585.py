"""Softmax of large-magnitude logits along dim -2: the exported graph produced NaNs (unstable trace)."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/34585",
    "description": "F.softmax(-100 * x, dim=-2) on a (5,5) input",
    "tags": ["silent", "softmax", "numerics", "control"],
    "stated": {"symptom": "wrong-output (NaN)", "torch": "1.4-era",
               "note": "Softmax semantics change at opset 13 (no flattening); exporter transposes below 13"},
    "paper": {"symptom": "Wrong Model", "cause": "Type Problem", "location": "Node Conversion"},
    "observed": {
        "torch 2.1.2": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18, not_applicable @20",
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (legacy; reported on torch 1.4, "
                              "before export(dynamo=) existed) (7 releases)"),
    },
}


def build():
    import torch
    import torch.nn.functional as F

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return F.softmax(-100 * x, -2)

    return Model(), seeded((5, 5), low=-3.0, high=3.0)
