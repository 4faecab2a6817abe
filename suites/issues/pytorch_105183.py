"""F.avg_pool2d(x, 4) with the default stride via dynamo_export: INVALID_GRAPH, 'strides' expected to have ints."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/105183",
    "description": "F.avg_pool2d(x, 4) (stride omitted) on (1,8,16,16)",
    "tags": ["pooling", "default-args"],
    "stated": {"symptom": "ort-load (INVALID_GRAPH)", "exporters": ["dynamo"], "torch": "2.1 dev (2023-07)",
               "fixed": "closed", "related": ["https://github.com/pytorch/pytorch/issues/32954"]},
    "expect_signature": "'strides' is expected",
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
    import torch.nn.functional as F

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return F.avg_pool2d(x, 4)

    return Model(), seeded((1, 8, 16, 16))
