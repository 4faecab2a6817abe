"""torch.meshgrid(indexing='xy') on 0-d inputs: dynamo export broke in the 2.6 nightly (prims::broadcast_in_dim)."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/141770",
    "description": "torch.meshgrid(x, y, indexing='xy') with 0-d x and y",
    "tags": ["meshgrid", "regression"],
    "stated": {"symptom": "export-crash", "exporters": ["dynamo"], "works": "2.5 stable",
               "broken": "2.6 nightly (2024-11): 'custom (non-ATen) operator whose output has alias annotations'",
               "related": ["https://github.com/pytorch/pytorch/issues/128494"]},
    "observed": "",
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x, y):
            return torch.meshgrid(x, y, indexing="xy")

    return Model(), seeded((), ())
