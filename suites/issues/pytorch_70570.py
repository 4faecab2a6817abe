"""PReLU on a 0-d input: the 1-D slope is not unidirectionally broadcastable to a scalar (output becomes 1-D)."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/70570",
    "description": "nn.PReLU() applied to a 0-d tensor",
    "tags": ["silent", "shape", "prelu", "scalar"],
    "stated": {"symptom": "invalid model / wrong shape (TVM rejects it)", "torch": "1.10-era",
               "proposal": "unsqueeze/reshape for rank-0 input in the prelu symbolic"},
    "paper": {"symptom": "Wrong Model", "cause": "Shape Problem", "location": "Node Conversion"},
    "observed": {
        "torch 2.1.2": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18, not_applicable @20",
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (legacy; reported on torch 1.10, "
                              "before export(dynamo=) existed) (7 releases)"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Wrapped(torch.nn.Module):  # torch 2.1-2.4 dynamo_export cannot trace a bare torch.nn leaf module
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *args):
            return self.inner(*args)

    return Wrapped(torch.nn.PReLU()).eval(), seeded(())
