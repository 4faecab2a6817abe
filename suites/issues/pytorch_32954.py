"""avg_pool2d with the default stride (None) in the legacy exporter (1.4): export failed; pre-2.0 control."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/32954",
    "description": "F.avg_pool2d(x, (2, 2)) with stride omitted on (1,4,9,9)",
    "tags": ["pooling", "default-args", "control"],
    "stated": {"symptom": "export-crash", "torch": "1.4", "fixed": "1.5-era (stride defaults to kernel_size)",
               "related": ["https://github.com/pytorch/pytorch/issues/105183"]},
    "paper": {"symptom": "Crash", "cause": "Type Problem", "location": "Node Conversion"},
    "expect_signature": "'strides' is expected",
    "observed": {
        "torch 2.1.2": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18, not_applicable @20",
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (legacy; reported on torch 1.4, "
                              "before export(dynamo=) existed) (7 releases); stated fixed in 1.5, before the oldest "
                              "release run (2.1.2): a control"),
    },
}


def build():
    import torch
    import torch.nn.functional as F

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return F.avg_pool2d(x, (2, 2))

    return Model(), seeded((1, 4, 9, 9))
