"""full_like(x, 10) with dtype=None on an int64 input exported as float: the min comes out FLOAT, not INT64."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/99788",
    "description": "torch.min(x, torch.full_like(x, 10)) on int64 x",
    "tags": ["silent", "dtype", "full_like"],
    "stated": {"symptom": "wrong-dtype", "broken": "2.1.0.dev20230328 and later nightlies",
               "works": "2.1.0.dev20230327 and before", "fixed": "PR #103048 (June 2023, before 2.1 final, inferred)",
               "related": ["https://github.com/pytorch/pytorch/issues/102693"]},
    "observed": {
        "torch 2.1.2": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18, not_applicable @20",
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (legacy; reported on torch 2.1.0, "
                              "before export(dynamo=) existed) (7 releases)"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return torch.min(x, torch.full_like(x, 10))

    return Model(), seeded((4, 4), dtype="int64", low=0, high=20)
