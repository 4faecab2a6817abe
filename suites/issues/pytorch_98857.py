"""Tensor.unflatten: unsupported by the 2.0 legacy exporter; supported from 2.1 at opset >= 13."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/98857",
    "description": "x.unflatten(1, (2, -1)) on a (3,8,5) input",
    "tags": ["unflatten", "unsupported", "opset-dependent"],
    "stated": {"symptom": "export-crash", "broken": "2.0 (opset 13/14)",
               "fixed": "2.1 at opset >= 13 (PR #99056, inferred)",
               "opsets": "opset <= 12 unsupported on every release",
               "related": ["https://github.com/pytorch/pytorch/issues/99820",
                           "https://github.com/pytorch/pytorch/issues/100826",
                           "https://github.com/pytorch/pytorch/issues/115414"]},
    "expect_signature": "unflatten",
    "observed": {
        "torch 2.1.2": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18, not_applicable @20",
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (legacy; reported on torch 2.0, "
                              "before export(dynamo=) existed) (7 releases); the stated broken release 2.0 was never "
                              "run"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return x.unflatten(1, (2, -1))

    return Model(), seeded((3, 8, 5))
