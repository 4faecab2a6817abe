"""torch.where(cond, x, 0.0): the Python float becomes a DOUBLE constant; ORT rejects the mixed-type Where."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/118733",
    "description": "torch.where(c, x, 0.0) with a float32 x",
    "tags": ["dtype", "where", "scalar"],
    "stated": {"symptom": "ort-load", "torch": "2.2.0", "broken": "<=2.2", "fixed": "2.3 (PR #120619, inferred)"},
    "expect_signature": "bound to different types|has inconsistent type tensor\\(double\\)",
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: invalid_model @13 17 18, not_applicable "
                        "@20"),
        "torch 2.2.1": "legacy: invalid_model @17",
        "torch 2.2.2": "legacy: invalid_model @17",
        "torch 2.3.0": "legacy: pass @17",
        "torch 2.3.1": "legacy: pass @17",
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("yes: invalid_model on torch 2.1.2, torch 2.2.1, torch 2.2.2; the stated fix in 2.3 is "
                              "reproduced: failing before it, clean on 8 releases from it (8 of 11 releases pass in "
                              "some mode/opset)"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return torch.where(x > 0.2, x, 0.0)

    return Model(), seeded((8,))
