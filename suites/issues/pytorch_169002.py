"""torch.where(cond, 0, -1000.0) (int and float scalars): the dynamo type-promotion pass picks a bad overload."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/169002",
    "description": "torch.where(x > 0, 0, -1000.0) on a (4,4) input",
    "tags": ["where", "scalar", "type-promotion"],
    "stated": {"symptom": "export-crash", "exporters": ["dynamo"], "opsets": [17],
               "fixed": "PR #185005 (merged 2026-05/06; release not stated)"},
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: invalid_model @13 17 18, not_applicable "
                        "@20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: convert_error @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: convert_error @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("yes: convert_error on torch 2.6.0, torch 2.9.1 (5 of 7 releases pass in some "
                              "mode/opset); other modes, not counted: invalid_model on torch 2.1.2"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return torch.where(x > 0, 0, -1000.0)

    return Model(), seeded((4, 4))
