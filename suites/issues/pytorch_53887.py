"""InstanceNorm2d(track_running_stats=True) in eval uses running stats; old exports used input statistics."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/53887",
    "description": "nn.InstanceNorm2d(2, track_running_stats=True).eval() with non-trivial running stats",
    "tags": ["silent", "normalization", "instancenorm", "control"],
    "stated": {"symptom": "wrong-output", "torch": "1.8", "opsets": [11],
               "fixed": "PR #55051 (2021, inferred 1.9)", "related": ["https://github.com/pytorch/pytorch/issues/72057"]},
    "paper": {"symptom": "Wrong Model", "cause": "Type Problem", "location": "Node Conversion"},
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @13 17 18, not_applicable "
                        "@20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: invalid_model @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (legacy; reported on torch 1.8, "
                              "before export(dynamo=) existed) (7 releases); other modes, not counted: convert_error "
                              "on torch 2.1.2; invalid_model on torch 2.6.0"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    model = torch.nn.InstanceNorm2d(2, affine=False, track_running_stats=True)
    with torch.no_grad():
        model.running_mean.copy_(torch.tensor([0.3, -0.2]))
        model.running_var.copy_(torch.tensor([0.5, 2.0]))

    class Wrapped(torch.nn.Module):  # torch 2.1-2.4 dynamo_export cannot trace a bare torch.nn leaf module
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *args):
            return self.inner(*args)

    return Wrapped(model).eval(), seeded((2, 2, 1, 4))
