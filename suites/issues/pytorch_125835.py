"""scatter_add with duplicate indices: ScatterElements without reduction below opset 16 keeps only one update."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/125835",
    "description": "torch.scatter_add(data, 0, idx, upd) with idx=[0,0,0]",
    "tags": ["silent", "scatter", "opset-dependent"],
    "stated": {"symptom": "wrong-output", "torch": "2.2.2", "opsets": [11],
               "behaviour": "wrong at opset 11-15 on every torch, correct at opset >= 16 since 1.13 (PR #79103)",
               "related": ["https://github.com/pytorch/pytorch/issues/32960",
                           "https://github.com/pytorch/pytorch/issues/79005"]},
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
        def forward(self, data, upd):
            idx = torch.zeros(upd.shape[0], dtype=torch.int64)
            return torch.scatter_add(data, 0, idx, upd)

    inputs = [(np.zeros(1, dtype="float32"), np.random.default_rng(s).uniform(0.5, 4.0, 3).astype("float32"))
              for s in (0, 1, 2)]
    return Model(), inputs
