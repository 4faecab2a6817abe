"""nn.GLU through dynamo_export with dynamic shapes: 'Unsupported FX nodes: aten.glu.default'."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/125894",
    "description": "nn.GLU() on an (N,4) input with N dynamic",
    "tags": ["glu", "decomposition", "dynamic"],
    "stated": {"symptom": "export-crash", "exporters": ["dynamo"], "torch": "2.3/2.4 nightly (2024-05)",
               "legacy": "works", "note": "replay with dynamo=True on 2.5+ to see whether the newer path fixes it"},
    "dynamic": {"0": [0]},
    "expect_signature": "aten\\.glu",
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17, invalid_model @18, "
                        "not_applicable @20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (dynamo) (7 releases); other modes,"
                              " not counted: invalid_model on torch 2.1.2"),
    },
}


def build():
    import numpy as np
    import torch

    inputs = [(np.random.default_rng(s).uniform(-1, 1, (n, 4)).astype("float32"),) for s, n in enumerate((8, 5, 3))]
    class Wrapped(torch.nn.Module):  # torch 2.1-2.4 dynamo_export cannot trace a bare torch.nn leaf module
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *args):
            return self.inner(*args)

    return Wrapped(torch.nn.GLU()).eval(), inputs
