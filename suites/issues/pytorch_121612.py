"""nn.GroupNorm on a 2-D (N, C) input: IndexError in the legacy exporter's _unsqueeze_helper."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/121612",
    "description": "nn.GroupNorm(3, 6) applied to a (20, 6) input",
    "tags": ["normalization", "groupnorm"],
    "stated": {"symptom": "export-crash", "opsets": [15], "torch": "2.0.1 and 2024 builds", "fixed": "not identified",
               "related": ["https://github.com/pytorch/pytorch/issues/130108",
                           "https://github.com/pytorch/pytorch/issues/131279"]},
    "expect_signature": "IndexError: list index out of range",
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @13 17 18, not_applicable "
                        "@20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("yes: convert_error on torch 2.1.2, torch 2.4.1 (5 of 7 releases pass in some "
                              "mode/opset)"),
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

    return Wrapped(torch.nn.GroupNorm(3, 6)).eval(), seeded((20, 6))
