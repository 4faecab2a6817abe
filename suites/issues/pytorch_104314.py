"""Slicing with 1-element 1-D tensors as bounds: ORT 'Starts must be a 1-D array' (0-d bounds work)."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/104314",
    "description": "data[:, :, start:end] with start=[36], end=[41] as int64 inputs of shape (1,)",
    "tags": ["slice", "indexing"],
    "stated": {"symptom": "ort-runtime", "torch": "2.0.1", "opsets": [18], "exporters": ["legacy"], "fixed": "closed"},
    "expect_signature": "Starts must be a 1-D array",
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @13 17 18, not_applicable "
                        "@20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: convert_error @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: convert_error @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (legacy) (7 releases); other modes,"
                              " not counted: convert_error on torch 2.1.2, torch 2.4.1, torch 2.6.0, torch 2.9.1"),
    },
}


def build():
    import numpy as np
    import torch

    class Model(torch.nn.Module):
        def forward(self, data, start, end):
            return data[:, :, start:end]

    inputs = []
    for seed in (0, 1, 2):
        data = np.random.default_rng(seed).uniform(-1, 1, (1, 40, 41)).astype("float32")
        inputs.append((data, np.array([36], dtype="int64"), np.array([41], dtype="int64")))
    return Model(), inputs
