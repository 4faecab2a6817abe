"""torch.sort with an explicit stable= argument: 'Sort, Out parameter is not supported' in the legacy exporter."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/95613",
    "description": "torch.sort(x, stable=False)[1] on a (60,) input",
    "tags": ["sort", "unsupported"],
    "stated": {"symptom": "export-crash", "torch": "1.13.1", "opsets": [11],
               "related": ["https://github.com/microsoft/onnxscript/pull/3053"],
               "dynamo": "aten::sort.stable had no ONNX function until onnxscript#3053 (2026-09, open)"},
    "expect_signature": "Sort, Out parameter is not supported",
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @13 17 18, not_applicable "
                        "@20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @13 17 18 20",
        "torch 2.6.0": "dynamo: convert_error @13 17 18 20; legacy: convert_error @13 17 18 20",
        "torch 2.9.1": "dynamo: convert_error @13 17 18 20; legacy: convert_error @13 17 18 20",
        "torch 2.14.1": "dynamo: convert_error @13 17 18 20; legacy: convert_error @13 17 18 20",
        "torch 2.15.0": "dynamo: convert_error @13 17 18 20; legacy: convert_error @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": ("dynamo: convert_error @17 18; legacy: convert_error @17 "
                                                            "18"),
        "agrees_with_issue": ("yes: convert_error on torch 2.1.2, torch 2.4.1, torch 2.6.0, torch 2.9.1, torch 2.14.1,"
                              " torch 2.15.0, torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0); other modes, not "
                              "counted: convert_error on torch 2.6.0, torch 2.9.1, torch 2.14.1, torch 2.15.0, torch "
                              "2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)"),
    },
}


def build():
    import numpy as np
    import torch

    class Model(torch.nn.Module):
        def forward(self, x):
            return torch.sort(x, stable=False)[1]

    inputs = [(np.random.default_rng(s).permutation(60).astype("float32") + 20.0,) for s in (0, 1, 2)]
    return Model(), inputs
