"""x.repeat_interleave(2) without dim and a dynamic batch axis: exception during export (2.1 nightly)."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/100429",
    "description": "x.repeat_interleave(2) on a (B,3) input with B dynamic",
    "tags": ["silent", "repeat_interleave", "dynamic", "shape"],
    "stated": {"symptom": "export-crash", "torch": "2.1.0a0", "opsets": [17],
               "fixed": "PR #100575 (May 2023, inferred 2.1)",
               "related": ["https://github.com/pytorch/pytorch/issues/100438"],
               "note": "torch-mlir gates the static no-dim form as a wrong shape (6,4,5) vs (120,) for torch < 2.3"},
    "dynamic": {"0": [0]},
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: wrong_shape @13 17 18, "
                        "not_applicable @20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, invalid_model @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("partly: the issue states 'export-crash'; our runs show wrong_shape on torch 2.1.2 (6 of"
                              " 7 releases pass in some mode/opset); other modes, not counted: convert_error on torch "
                              "2.1.2; invalid_model on torch 2.4.1"),
    },
}


def build():
    import numpy as np
    import torch

    class Model(torch.nn.Module):
        def forward(self, x):
            return x.repeat_interleave(2)

    inputs = [(np.random.default_rng(s).uniform(-1, 1, (b, 3)).astype("float32"),) for s, b in enumerate((2, 5, 3))]
    return Model(), inputs
