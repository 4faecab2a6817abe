"""x[mask] = 0 with an all-true constant mask under dynamo_export: ORT ScatterElements error."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/126856",
    "description": "mask = ones((1,3,3), bool); x[mask] = 0; return x",
    "tags": ["indexing", "mask", "inplace"],
    "stated": {"symptom": "ort-runtime (ScatterElements)", "exporters": ["dynamo"], "opsets": [18],
               "torch": "2.3-era (2024-05)", "fixed": "open in the stored text"},
    "expect_signature": "ScatterElements",
    "observed": {
        "torch 2.1.2": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18, not_applicable @20",
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": "no: passes on every release run in the issue's mode (dynamo) (7 releases)",
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            mask = torch.ones((1, 3, 3), dtype=torch.bool)
            x[mask] = 0
            return x

    return Model(), seeded((1, 3, 3))
