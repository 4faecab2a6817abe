"""x[mask] = 0 with an all-true constant mask under dynamo_export: ORT ScatterElements error."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/126856",
    "description": "mask = ones((1,3,3), bool); x[mask] = 0; return x",
    "tags": ["indexing", "mask", "inplace"],
    "stated": {"symptom": "ort-runtime (ScatterElements)", "exporters": ["dynamo"], "opsets": [18],
               "torch": "2.3-era (2024-05)", "fixed": "open in the stored text"},
    "observed": "",
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            mask = torch.ones((1, 3, 3), dtype=torch.bool)
            x[mask] = 0
            return x

    return Model(), seeded((1, 3, 3))
