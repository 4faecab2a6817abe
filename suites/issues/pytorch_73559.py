"""torch.linspace with the step count read from an input: wrong spacing when the count differs from the export."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/73559",
    "description": "torch.linspace(-1, 1, x[0, 0]) with x an int32 (1,1) tensor; export with 6, run with 6, 5 and 9",
    "tags": ["silent", "linspace", "data-dependent"],
    "stated": {"symptom": "wrong-output", "torch": "1.10/1.11-era", "opsets": [11],
               "behaviour": "run with 7 gives [-1, -0.6, ..., 1.4]: step computed from the export value"},
    "paper": {"symptom": "Wrong Model", "cause": "Type Problem", "location": "Node Conversion"},
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @13 17 18, not_applicable "
                        "@20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: convert_error @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: convert_error @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: convert_error @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: convert_error @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: convert_error @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (legacy; reported on torch 1.11, "
                              "before export(dynamo=) existed) (7 releases); other modes, not counted: convert_error "
                              "on torch 2.1.2, torch 2.4.1, torch 2.6.0, torch 2.9.1, torch 2.14.1, torch 2.15.0, "
                              "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)"),
    },
}


def build():
    import numpy as np
    import torch

    class Model(torch.nn.Module):
        def forward(self, x):
            return torch.linspace(-1.0, 1.0, x[0, 0])

    return Model(), [(np.array([[n]], dtype="int32"),) for n in (6, 5, 9)]
