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
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, run_error @18; legacy: run_error @13 17 18, not_applicable "
                        "@20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, run_error @18; legacy: run_error @13 17 18 20",
        "torch 2.6.0": "dynamo: run_error @13 17 18 20; legacy: run_error @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: run_error @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: run_error @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: run_error @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: run_error @17 18",
        "agrees_with_issue": ("yes: run_error on torch 2.1.2, torch 2.4.1, torch 2.6.0, torch 2.9.1, torch 2.14.1, "
                              "torch 2.15.0, torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0); other modes, not "
                              "counted: run_error on torch 2.1.2, torch 2.4.1, torch 2.6.0"),
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
