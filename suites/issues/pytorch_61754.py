"""torch.zeros(()) then in-place += x: Constant with an empty TENSORS attribute (1.8-1.9); pre-2.0 control."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/61754",
    "description": "y = torch.zeros(()); y += x; return y, with a 0-d x",
    "tags": ["scalar", "inplace", "control"],
    "stated": {"symptom": "invalid-onnx (checker: Bad node spec ... type: TENSORS)", "works": "1.7.1",
               "broken": "introduced in 1.8.0", "fixed": "expected to pass on every 2.x"},
    "expect_signature": "TENSORS",
    "observed": {
        "torch 2.1.2": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18, not_applicable @20",
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (legacy; reported on torch 1.8.0, "
                              "before export(dynamo=) existed) (7 releases); the stated broken release 1.8.0 was never"
                              " run"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            y = torch.zeros(())
            y += x
            return y

    return Model(), seeded((), low=-50.0, high=50.0)
