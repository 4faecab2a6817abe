"""torch.nan_to_num: no ONNX symbolic in 1.10 (export failed); inputs hold NaN and +/-Inf."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/70886",
    "description": "torch.nan_to_num(x, nan=0.0, posinf=1.0, neginf=-1.0) on inputs with NaN and Inf",
    "tags": ["nan_to_num", "unsupported", "control"],
    "stated": {"symptom": "export-crash", "torch": "1.10", "fixed": "nan_to_num symbolic added later (1.11/1.12-era)"},
    "paper": {"symptom": "Crash", "cause": "Incompatibility", "location": "Node Conversion"},
    "expect_signature": "nan_to_num",
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @13 17 18, not_applicable "
                        "@20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (legacy; reported on torch 1.10, "
                              "before export(dynamo=) existed) (7 releases); other modes, not counted: convert_error "
                              "on torch 2.1.2"),
    },
}


def build():
    import numpy as np
    import torch

    class Model(torch.nn.Module):
        def forward(self, x):
            return torch.nan_to_num(x, nan=0.0, posinf=1.0, neginf=-1.0)

    inputs = []
    for seed in (0, 1, 2):
        x = np.random.default_rng(seed).uniform(-1, 1, (3, 4)).astype("float32")
        x[0, seed] = np.nan
        x[1, seed] = np.inf
        x[2, seed] = -np.inf
        inputs.append((x,))
    return Model(), inputs
