"""torch.argsort: 'Exporting the operator ::argsort to ONNX opset version 16 is not supported' (1.12)."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/79859",
    "description": "torch.argsort(x, dim=-1, descending=True) on a (3,10) input",
    "tags": ["sort", "argsort", "unsupported", "control"],
    "stated": {"symptom": "export-crash", "torch": "1.12", "opsets": [16], "fixed": "1.13-era (argsort symbolic)"},
    "paper": {"symptom": "Crash", "cause": "Incompatibility", "location": "Node Conversion"},
    "expect_signature": "argsort",
    "observed": {
        "torch 2.1.2": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18, not_applicable @20",
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (legacy; reported on torch 1.12, "
                              "before export(dynamo=) existed) (7 releases); stated fixed in 1.13, before the oldest "
                              "release run (2.1.2): a control"),
    },
}


def build():
    import numpy as np
    import torch

    class Model(torch.nn.Module):
        def forward(self, x):
            return torch.argsort(x, dim=-1, descending=True)

    inputs = [(np.random.default_rng(s).permuted(np.tile(np.arange(10, dtype="float32"), (3, 1)), axis=1),)
              for s in (0, 1, 2)]
    return Model(), inputs
