"""nn.MultiheadAttention with a boolean attn_mask and a dynamic sequence length: legacy fails at other lengths."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/120075",
    "description": "MultiheadAttention(64, 8)(x, x, x, attn_mask=mask), x (L,1,64), mask (L,L) bool, L dynamic",
    "tags": ["attention", "mha", "dynamic"],
    "stated": {"symptom": "ort-runtime for other lengths", "exporters": ["legacy"], "torch": "2.2-era (2024-02)",
               "warning": "Removing mutation from node aten::masked_fill_ ... This changes graph semantics",
               "dynamo": "works (justinchuby, 2024-12)"},
    "dynamic": {"0": [0], "1": [0, 1]},
    "observed": {
        "torch 1.4.0": "legacy: pass @11",
        "torch 1.5.1": "legacy: pass @11",
        "torch 1.6.0": "legacy: pass @11",
        "torch 1.7.1": "legacy: pass @11",
        "torch 1.8.1": "legacy: wrong_shape @11 13, not_applicable @14 15",
        "torch 1.9.1": "legacy: pass @11 13, not_applicable @14 15",
        "torch 1.10.2": "legacy: pass @11 13 14, not_applicable @15 16 17",
        "torch 1.10.2 (torch1.10.2-ort1.19.2-onnx1.17.0-py3.9)": "legacy: pass @11 13 14, not_applicable @15",
        "torch 1.11.0": "legacy: pass @11 13 15, not_applicable @14 16 17",
        "torch 1.11.0 (torch1.11.0-ort1.20.1-onnx1.17.0-py3.10)": "legacy: pass @11 13 15, not_applicable @16 17",
        "torch 1.11.0 (torch1.11.0-ort1.19.2-onnx1.17.0-py3.10)": "legacy: pass @11 13 15, not_applicable @14",
        "torch 1.12.1": "legacy: pass @11 13 15 16, not_applicable @17",
        "torch 1.13.1": "dynamo: not_applicable @13 17; legacy: pass @11 13 15 17, not_applicable @19",
        "torch 1.13.1 (torch1.13.1-ort1.18.1-onnx1.17.0-py3.10)": "legacy: pass @11 13 15 17, not_applicable @14 16",
        "torch 2.0.1": "dynamo: not_applicable @17 18; legacy: convert_error @11 13 15 17 18, not_applicable @19 20",
        "torch 2.0.1 (torch2.0.1-ort1.18.1-onnx1.17.0-py3.10)": ("legacy: convert_error @11 13 15 17, not_applicable "
                                                                 "@14 16"),
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: convert_error @11 13, run_error"
                        " @15 17 18 19, not_applicable @20"),
        "torch 2.2.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @11 13, run_error @15 17 "
                        "18 19, not_applicable @20"),
        "torch 2.3.1": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: convert_error @11 13, run_error"
                        " @15 17 18 19, not_applicable @20"),
        "torch 2.4.1": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: convert_error @11 13, run_error"
                        " @15 17 18 20, not_applicable @19"),
        "torch 2.5.1": ("dynamo: convert_error @11 13 15 17 18 20; legacy: convert_error @11 13, run_error @15 17 18 "
                        "20, not_applicable @19"),
        "torch 2.6.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, run_error @15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.7.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, run_error @15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.8.0": ("dynamo: convert_error @11 13 15 17, pass @18 20; legacy: convert_error @11 13, run_error @15"
                        " 17 18 20, not_applicable @19"),
        "torch 2.8.0 (torch2.8.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.9.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, run_error @15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.10.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, run_error @15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.10.0 (torch2.10.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.11.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, run_error @15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.11.0 (torch2.11.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.12.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, run_error @15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.12.1 (torch2.12.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.13.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, run_error @15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.13.0 (torch2.13.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.14.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, run_error @15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.14.1 (torch2.14.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.15.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, run_error @15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: run_error @17 18",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "agrees_with_issue": ("yes: run_error on torch 2.1.2, torch 2.2.2, torch 2.3.1, torch 2.4.1, torch 2.5.1, "
                              "torch 2.6.0, torch 2.7.1, torch 2.8.0, torch 2.9.1, torch 2.10.0, torch 2.11.0, torch "
                              "2.12.1, torch 2.13.0, torch 2.14.1, torch 2.15.0, torch 2.15.0 "
                              "(torch2.15.0-ort1.23.2-onnx1.17.0) (13 of 32 releases pass in some mode/opset); other "
                              "modes, not counted: convert_error on torch 2.1.2, torch 2.3.1, torch 2.4.1, torch "
                              "2.5.1, torch 2.8.0"),
    },
}


def build():
    import numpy as np
    import torch

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.mha = torch.nn.MultiheadAttention(64, 8)

        def forward(self, x, mask):
            return self.mha(x, x, x, attn_mask=mask, need_weights=False)[0]

    inputs = []
    for seed, length in enumerate((31, 42, 17)):
        rng = np.random.default_rng(seed)
        mask = rng.integers(0, 2, (length, length)).astype(bool)
        np.fill_diagonal(mask, False)  # True = masked out; keep the diagonal so no row is fully masked
        inputs.append((rng.uniform(-1, 1, (length, 1, 64)).astype("float32"), mask))
    return Model().eval(), inputs
