"""Slicing with 1-element 1-D tensors as bounds: ORT 'Starts must be a 1-D array' (0-d bounds work)."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/104314",
    "description": "data[:, :, start:end] with start=[36], end=[41] as int64 inputs of shape (1,)",
    "tags": ["slice", "indexing"],
    "stated": {"symptom": "ort-runtime", "torch": "2.0.1", "opsets": [18], "exporters": ["legacy"], "fixed": "closed"},
    "expect_signature": "Starts must be a 1-D array",
    "observed": {
        "torch 1.4.0": "legacy: run_error @11",
        "torch 1.5.1": "legacy: run_error @11",
        "torch 1.6.0": "legacy: run_error @11",
        "torch 1.7.1": "legacy: run_error @11",
        "torch 1.8.1": "legacy: run_error @11 13, not_applicable @14 15",
        "torch 1.9.1": "legacy: run_error @11 13, not_applicable @14 15",
        "torch 1.10.2": "legacy: run_error @11 13 14, not_applicable @15 16 17",
        "torch 1.10.2 (torch1.10.2-ort1.19.2-onnx1.17.0-py3.9)": "legacy: run_error @11 13 14, not_applicable @15",
        "torch 1.11.0": "legacy: run_error @11 13 15, not_applicable @14 16 17",
        "torch 1.11.0 (torch1.11.0-ort1.20.1-onnx1.17.0-py3.10)": ("legacy: run_error @11 13 15, not_applicable @16 "
                                                                   "17"),
        "torch 1.11.0 (torch1.11.0-ort1.19.2-onnx1.17.0-py3.10)": "legacy: run_error @11 13 15, not_applicable @14",
        "torch 1.12.1": "legacy: run_error @11 13 15 16, not_applicable @17",
        "torch 1.13.1": "dynamo: not_applicable @13 17; legacy: run_error @11 13 15 17, not_applicable @19",
        "torch 1.13.1 (torch1.13.1-ort1.18.1-onnx1.17.0-py3.10)": ("legacy: run_error @11 13 15 17, not_applicable "
                                                                   "@14 16"),
        "torch 2.0.1": "dynamo: not_applicable @17 18; legacy: run_error @11 13 15 17 18, not_applicable @19 20",
        "torch 2.0.1 (torch2.0.1-ort1.18.1-onnx1.17.0-py3.10)": ("legacy: run_error @11 13 15 17, not_applicable @14 "
                                                                 "16"),
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.2.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.3.1": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.4.1": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.5.1": ("dynamo: convert_error @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.6.0": ("dynamo: convert_error @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.7.1": ("dynamo: convert_error @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                        "@19"),
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
        "agrees_with_issue": ("yes: run_error on torch 1.4.0, torch 1.5.1, torch 1.6.0, torch 1.7.1, torch 1.8.1, "
                              "torch 1.9.1, torch 1.10.2, torch 1.10.2 (torch1.10.2-ort1.19.2-onnx1.17.0-py3.9), "
                              "torch 1.11.0, torch 1.11.0 (torch1.11.0-ort1.20.1-onnx1.17.0-py3.10), torch 1.11.0 "
                              "(torch1.11.0-ort1.19.2-onnx1.17.0-py3.10), torch 1.12.1, torch 1.13.1, torch 1.13.1 "
                              "(torch1.13.1-ort1.18.1-onnx1.17.0-py3.10), torch 2.0.1, torch 2.0.1 "
                              "(torch2.0.1-ort1.18.1-onnx1.17.0-py3.10) (16 of 32 releases pass in some mode/opset); "
                              "other modes, not counted: convert_error on torch 2.1.2, torch 2.2.2, torch 2.3.1, "
                              "torch 2.4.1, torch 2.5.1, torch 2.6.0, torch 2.7.1, torch 2.8.0, torch 2.9.1, torch "
                              "2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1)"),
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
