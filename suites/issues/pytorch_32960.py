"""scatter_add with duplicate indices exported as ScatterElements without reduction (one update wins)."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/32960",
    "description": "zeros(2,4).scatter_add(1, idx, src) with idx an int64 input holding duplicates",
    "tags": ["silent", "scatter", "scatter_add", "opset-dependent"],
    "stated": {"symptom": "wrong-output", "torch": "1.4-era", "opsets": [11],
               "fixed": "opset >= 16 from 1.13 (PR #79103: ScatterElements reduction='add')",
               "related": ["https://github.com/pytorch/pytorch/issues/79005",
                           "https://github.com/pytorch/pytorch/issues/125835"]},
    "paper": {"symptom": "Wrong Model", "cause": "Incompatibility", "location": "Node Conversion"},
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: mismatch @13, pass @17 18, not_applicable"
                        " @20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: mismatch @13, pass @17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: mismatch @13, pass @17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: mismatch @13, pass @17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: mismatch @13, pass @17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: mismatch @13, pass @17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("yes: mismatch on torch 2.1.2, torch 2.4.1, torch 2.6.0, torch 2.9.1, torch 2.14.1, "
                              "torch 2.15.0 (7 of 7 releases pass in some mode/opset)"),
    },
}


def build():
    import numpy as np
    import torch

    class Model(torch.nn.Module):
        def forward(self, idx, src):
            return torch.zeros(2, 4).scatter_add(1, idx, src)

    inputs = []
    for seed in (0, 1, 2):
        rng = np.random.default_rng(seed)
        inputs.append((rng.integers(0, 4, (2, 6)).astype("int64"), rng.uniform(0.5, 2.0, (2, 6)).astype("float32")))
    return Model(), inputs
