"""Masked + indexed assignment r[mask, 0] = R[mask]: the mask count is frozen at export; ORT Reshape fails."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/159295",
    "description": "r = zeros(B,2); mask = R > 0; r[mask, 0] = R[mask]; export with all-positive R, run with mixed R",
    "tags": ["indexing", "mask", "data-dependent"],
    "stated": {"symptom": "ort-runtime (Reshape)", "opsets": [11], "exporters": ["legacy"], "torch": "2025-07",
               "fixed": "closed"},
    "expect_signature": "Reshape",
    "observed": {
        "torch 1.4.0": "legacy: mismatch @11",
        "torch 1.5.1": "legacy: invalid_model @11",
        "torch 1.6.0": "legacy: invalid_model @11",
        "torch 1.7.1": "legacy: invalid_model @11",
        "torch 1.8.1": "legacy: invalid_model @11 13, not_applicable @14 15",
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
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, run_error @18; legacy: run_error @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.2.2": ("dynamo: not_applicable @13 17 20, invalid_model @18; legacy: run_error @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.3.1": ("dynamo: not_applicable @13 17 20, run_error @18; legacy: run_error @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.4.1": ("dynamo: not_applicable @13 17 20, run_error @18; legacy: run_error @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.5.1": ("dynamo: run_error @11 13 15 17 18 20; legacy: run_error @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.6.0": ("dynamo: run_error @11 13 15 17 18 20; legacy: run_error @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.7.1": "dynamo: pass @11 13 15 17 18 20; legacy: run_error @11 13 15 17 18 20, not_applicable @19",
        "torch 2.8.0": ("dynamo: convert_error @11 13 15 17, pass @18 20; legacy: run_error @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.8.0 (torch2.8.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.9.1": "dynamo: pass @11 13 15 17 18 20; legacy: run_error @11 13 15 17 18 20, not_applicable @19",
        "torch 2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.10.0": "dynamo: pass @11 13 15 17 18 20; legacy: run_error @11 13 15 17 18 20, not_applicable @19",
        "torch 2.10.0 (torch2.10.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.11.0": "dynamo: pass @11 13 15 17 18 20; legacy: run_error @11 13 15 17 18 20, not_applicable @19",
        "torch 2.11.0 (torch2.11.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.12.1": "dynamo: pass @11 13 15 17 18 20; legacy: run_error @11 13 15 17 18 20, not_applicable @19",
        "torch 2.12.1 (torch2.12.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.13.0": "dynamo: pass @11 13 15 17 18 20; legacy: run_error @11 13 15 17 18 20, not_applicable @19",
        "torch 2.13.0 (torch2.13.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.14.1": "dynamo: pass @11 13 15 17 18 20; legacy: run_error @11 13 15 17 18 20, not_applicable @19",
        "torch 2.14.1 (torch2.14.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.15.0": "dynamo: pass @11 13 15 17 18 20; legacy: run_error @11 13 15 17 18 20, not_applicable @19",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: run_error @17 18",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "agrees_with_issue": ("yes: run_error on torch 1.9.1, torch 1.10.2, torch 1.10.2 "
                              "(torch1.10.2-ort1.19.2-onnx1.17.0-py3.9), torch 1.11.0, torch 1.11.0 "
                              "(torch1.11.0-ort1.20.1-onnx1.17.0-py3.10), torch 1.11.0 "
                              "(torch1.11.0-ort1.19.2-onnx1.17.0-py3.10), torch 1.12.1, torch 1.13.1, torch 1.13.1 "
                              "(torch1.13.1-ort1.18.1-onnx1.17.0-py3.10), torch 2.0.1, torch 2.0.1 "
                              "(torch2.0.1-ort1.18.1-onnx1.17.0-py3.10), torch 2.1.2, torch 2.2.2, torch 2.3.1, torch"
                              " 2.4.1, torch 2.5.1, torch 2.6.0, torch 2.7.1, torch 2.8.0, torch 2.9.1, torch 2.10.0,"
                              " torch 2.11.0, torch 2.12.1, torch 2.13.0, torch 2.14.1, torch 2.15.0, torch 2.15.0 "
                              "(torch2.15.0-ort1.23.2-onnx1.17.0); other modes, not counted: convert_error on torch "
                              "2.8.0; invalid_model on torch 2.2.2; run_error on torch 2.1.2, torch 2.3.1, torch "
                              "2.4.1, torch 2.5.1, torch 2.6.0"),
    },
}


def build():
    import numpy as np
    import torch

    class Model(torch.nn.Module):
        def forward(self, R):
            r = torch.zeros(R.shape[0], 2)
            mask = R > 0
            r[mask, 0] = R[mask]
            return r

    inputs = [(np.array([1.0, 2.0, 0.5, 1.5, 3.0, 0.25], dtype="float32"),),
              (np.array([0.0, 1.0, -2.0, 1.5, 3.0, -0.25], dtype="float32"),),
              (np.array([-1.0, -1.0, 0.5, -1.5, 0.0, 2.0], dtype="float32"),)]
    return Model(), inputs
