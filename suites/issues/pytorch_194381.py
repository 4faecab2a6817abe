"""(1.0 - int_mask) * x: ConversionError in the dynamo type-promotion pass, a regression in 2.13."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/194381",
    "description": "(1.0 - mask) * x with an int64 0/1 mask",
    "tags": ["type-promotion", "scalar", "regression"],
    "stated": {"symptom": "export-crash", "exporters": ["dynamo"], "works": "2.11.0, 2.12.1",
               "broken": "2.13.0 (cu126, cu130) and 2.14.0.dev20260811", "fix_pr": "#194522 (proposed)",
               "related": ["https://github.com/huggingface/transformers/pull/48191"]},
    "expect_signature": "ConversionError",
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
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: pass @11 13 15 17 18 19, not_applicable "
                        "@20"),
        "torch 2.2.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: pass @11 13 15 17 18 19, not_applicable "
                        "@20"),
        "torch 2.3.1": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.4.1": ("dynamo: not_applicable @13 17 20, pass @18; legacy: pass @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.5.1": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.6.0": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.7.1": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.8.0": ("dynamo: convert_error @11 13 15 17, pass @18 20; legacy: pass @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.8.0 (torch2.8.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.9.1": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.10.0": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.10.0 (torch2.10.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.11.0": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.11.0 (torch2.11.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.12.1": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.12.1 (torch2.12.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.13.0": ("dynamo: convert_error @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                         "@19"),
        "torch 2.13.0 (torch2.13.0-ort1.23.2-onnx1.19.1)": "dynamo: convert_error @23",
        "torch 2.14.1": ("dynamo: convert_error @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                         "@19"),
        "torch 2.14.1 (torch2.14.1-ort1.23.2-onnx1.19.1)": "dynamo: convert_error @23",
        "torch 2.15.0": ("dynamo: convert_error @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                         "@19"),
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: convert_error @17 18; legacy: pass @17 18",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.19.1)": "dynamo: convert_error @23",
        "agrees_with_issue": ("yes: convert_error on torch 2.8.0, torch 2.13.0, torch 2.13.0 "
                              "(torch2.13.0-ort1.23.2-onnx1.19.1), torch 2.14.1, torch 2.14.1 "
                              "(torch2.14.1-ort1.23.2-onnx1.19.1), torch 2.15.0, torch 2.15.0 "
                              "(torch2.15.0-ort1.23.2-onnx1.17.0), torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.19.1) "
                              "(16 of 24 releases pass in some mode/opset)"),
    },
}


def build():
    import numpy as np
    import torch

    class Model(torch.nn.Module):
        def forward(self, x, mask):
            return (1.0 - mask) * x

    inputs = []
    for seed in (0, 1, 2):
        rng = np.random.default_rng(seed)
        inputs.append((rng.uniform(-1, 1, (2, 3)).astype("float32"), rng.integers(0, 2, (2, 3)).astype("int64")))
    return Model(), inputs
