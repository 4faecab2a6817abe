"""torch.sort with an explicit stable= argument: 'Sort, Out parameter is not supported' in the legacy exporter."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/95613",
    "description": "torch.sort(x, stable=False)[1] on a (60,) input",
    "tags": ["sort", "unsupported"],
    "stated": {"symptom": "export-crash", "torch": "1.13.1", "opsets": [11],
               "related": ["https://github.com/microsoft/onnxscript/pull/3053"],
               "dynamo": "aten::sort.stable had no ONNX function until onnxscript#3053 (2026-09, open)"},
    "observed": "",
}


def build():
    import numpy as np
    import torch

    class Model(torch.nn.Module):
        def forward(self, x):
            return torch.sort(x, stable=False)[1]

    inputs = [(np.random.default_rng(s).permutation(60).astype("float32") + 20.0,) for s in (0, 1, 2)]
    return Model(), inputs
