"""torch.meshgrid(indexing='xy') on 0-d inputs: dynamo export broke in the 2.6 nightly (prims::broadcast_in_dim)."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/141770",
    "description": "torch.meshgrid(x, y, indexing='xy') with 0-d x and y",
    "tags": ["meshgrid", "regression"],
    "stated": {"symptom": "export-crash", "exporters": ["dynamo"], "works": "2.5 stable",
               "broken": "2.6 nightly (2024-11): 'custom (non-ATen) operator whose output has alias annotations'",
               "related": ["https://github.com/pytorch/pytorch/issues/128494"]},
    "expect_signature": "alias annotations",
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @13 17 18, not_applicable "
                        "@20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (dynamo) (7 releases); other modes,"
                              " not counted: convert_error on torch 2.1.2"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x, y):
            return torch.meshgrid(x, y, indexing="xy")

    return Model(), seeded((), ())
