"""AvgPool2d(ceil_mode=True) with dynamic H/W: 'get_pool_ceil_padding, input size not accessible' in 2.0."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/101397",
    "description": "AvgPool2d(2, 2, ceil_mode=True, count_include_pad=False), Conv2d 1x1, BatchNorm2d; dynamic H/W",
    "tags": ["pooling", "ceil_mode", "dynamic", "regression"],
    "stated": {"symptom": "export-crash", "works": "1.13", "broken": "2.0.1",
               "fixed": "2.1 (PR #105683 'Refactor AvgPool to support dynamic shapes', inferred)",
               "related": ["https://github.com/pytorch/pytorch/issues/131272"]},
    "dynamic": {"0": [2, 3]},
    "expect_signature": "get_pool_ceil_padding",
    "observed": {
        "torch 2.1.2": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18, not_applicable @20",
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (legacy; reported on torch 2.0.1, "
                              "before export(dynamo=) existed) (7 releases); stated fixed in 2.1, before the oldest "
                              "release run (2.1.2): a control; the stated broken release 2.0.1 was never run; other "
                              "modes, not counted: convert_error on torch 2.4.1; the stated error shows in 3 records "
                              "of 1 other cases (issues/pytorch_113155)"),
    },
}


def build():
    import numpy as np
    import torch

    model = torch.nn.Sequential(
        torch.nn.AvgPool2d((2, 2), stride=2, ceil_mode=True, count_include_pad=False),
        torch.nn.Conv2d(8, 16, 1), torch.nn.BatchNorm2d(16))
    shapes = [(2, 8, 32, 32), (2, 8, 17, 23), (2, 8, 9, 6)]
    inputs = [(np.random.default_rng(s).uniform(-1, 1, shape).astype("float32"),) for s, shape in enumerate(shapes)]
    return model.eval(), inputs
