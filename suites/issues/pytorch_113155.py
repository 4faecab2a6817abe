"""MaxPool2d(ceil_mode=True) with dynamic H/W: get_pool_ceil_padding error, a regression in 2.1."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/113155",
    "description": "nn.MaxPool2d(2, stride=2, ceil_mode=True) with dynamic H and W; odd sizes at run time",
    "tags": ["pooling", "ceil_mode", "dynamic", "regression"],
    "stated": {"symptom": "export-crash", "works": "2.0",
               "broken": "2.1 (caused by PR #106270, stated by a maintainer)",
               "fixed": "2.2 (PR #113318 'Refactor MaxPool to support dynamic inputs', inferred)"},
    "dynamic": {"0": [2, 3]},
    "expect_signature": "get_pool_ceil_padding",
    "observed": {
        "torch 1.4.0": "legacy: pass @11",
        "torch 1.5.1": "legacy: pass @11",
        "torch 1.6.0": "legacy: pass @11",
        "torch 1.7.1": "legacy: pass @11",
        "torch 1.8.1": "legacy: pass @11 13, not_applicable @14 15",
        "torch 1.9.1": "legacy: pass @11 13, not_applicable @14 15",
        "torch 1.10.2": "legacy: pass @11 13 14, not_applicable @15 16 17",
        "torch 1.10.2 (torch1.10.2-ort1.19.2-onnx1.17.0-py3.9)": "legacy: pass @11 13 14, not_applicable @15",
        "torch 1.11.0": "legacy: pass @11 13 15, not_applicable @14 16 17",
        "torch 1.11.0 (torch1.11.0-ort1.20.1-onnx1.17.0-py3.10)": "legacy: pass @11 13 15, not_applicable @16 17",
        "torch 1.11.0 (torch1.11.0-ort1.19.2-onnx1.17.0-py3.10)": "legacy: pass @11 13 15, not_applicable @14",
        "torch 1.12.1": "legacy: pass @11 13 15 16, not_applicable @17",
        "torch 1.13.1": "dynamo: not_applicable @13 17; legacy: pass @11 13 15 17, not_applicable @19",
        "torch 1.13.1 (torch1.13.1-ort1.18.1-onnx1.17.0-py3.10)": "legacy: pass @11 13 15 17, not_applicable @14 16",
        "torch 2.0.1": "dynamo: not_applicable @17 18; legacy: pass @11 13 15 17 18, not_applicable @19 20",
        "torch 2.0.1 (torch2.0.1-ort1.18.1-onnx1.17.0-py3.10)": "legacy: pass @11 13 15 17, not_applicable @14 16",
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.2.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: pass @11 13 15 17 18 19, not_applicable "
                        "@20"),
        "torch 2.3.1": ("dynamo: not_applicable @13 17 20, pass @18; legacy: pass @11 13 15 17 18 19, not_applicable "
                        "@20"),
        "torch 2.4.1": ("dynamo: not_applicable @13 17 20, pass @18; legacy: pass @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.5.1": "dynamo: run_error @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.6.0": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.7.1": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.8.0": ("dynamo: convert_error @11 13 15 17, pass @18 20; legacy: pass @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.8.0 (torch2.8.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.9.1": ("dynamo: convert_error @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1)": "dynamo: convert_error @23",
        "torch 2.10.0": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.10.0 (torch2.10.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.11.0": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.11.0 (torch2.11.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.12.1": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.12.1 (torch2.12.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.13.0": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.13.0 (torch2.13.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.14.1": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.14.1 (torch2.14.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.15.0": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "agrees_with_issue": ("yes: convert_error on torch 2.1.2; the stated fix in 2.2 is reproduced: failing before"
                              " it, clean on 15 releases from it (31 of 32 releases pass in some mode/opset); other "
                              "modes, not counted: convert_error on torch 2.8.0, torch 2.9.1, torch 2.9.1 "
                              "(torch2.9.1-ort1.23.2-onnx1.19.1); run_error on torch 2.5.1"),
    },
}


def build():
    import numpy as np
    import torch

    shapes = [(2, 8, 32, 32), (2, 8, 17, 23), (2, 8, 9, 6)]
    inputs = [(np.random.default_rng(s).uniform(-1, 1, shape).astype("float32"),) for s, shape in enumerate(shapes)]
    class Wrapped(torch.nn.Module):  # torch 2.1-2.4 dynamo_export cannot trace a bare torch.nn leaf module
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *args):
            return self.inner(*args)

    return Wrapped(torch.nn.MaxPool2d(2, stride=2, ceil_mode=True)).eval(), inputs
