"""torch.tensor_split: no ONNX symbolic in 1.10/1.11 (export failed)."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/73454",
    "description": "torch.tensor_split(x, 3, dim=1) on a (2,7) input (three outputs of widths 3, 2, 2)",
    "tags": ["tensor_split", "unsupported", "control"],
    "stated": {"symptom": "export-crash", "torch": "1.10/1.11-era", "fixed": "tensor_split symbolic added (1.12-era)"},
    "paper": {"symptom": "Crash", "cause": "Incompatibility", "location": "Node Conversion"},
    "expect_signature": "tensor_split",
    "observed": {
        "torch 2.1.2": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18, not_applicable @20",
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (legacy; reported on torch 1.11, "
                              "before export(dynamo=) existed) (7 releases)"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return torch.tensor_split(x, 3, dim=1)

    return Model(), seeded((2, 7))
