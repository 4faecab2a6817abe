"""nn.TransformerEncoder with dynamic batch and sequence axes runs only at the export shape (Reshape error)."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/128610",
    "description": "2-layer TransformerEncoder (d_model 96, 12 heads, ff 96, batch_first), eval, dynamic B and T",
    "tags": ["transformer", "dynamic", "regression"],
    "stated": {"symptom": "ort-runtime for non-export shapes", "works": "1.11", "broken": "2.2.1 (onnx 1.16)",
               "opsets": [16], "exporters": ["legacy"],
               "related": ["https://github.com/pytorch/pytorch/issues/110347",
                           "https://github.com/pytorch/pytorch/issues/117209",
                           "https://github.com/pytorch/pytorch/issues/122321",
                           "https://github.com/huggingface/optimum/issues/1485"]},
    "dynamic": {"0": [0, 1]},
    "expect_signature": "Reshape",
    "observed": {
        "torch 1.4.0": "legacy: build_error @11",
        "torch 1.5.1": "legacy: build_error @11",
        "torch 1.6.0": "legacy: build_error @11",
        "torch 1.7.1": "legacy: build_error @11",
        "torch 1.8.1": "legacy: build_error @11 13, not_applicable @14 15",
        "torch 1.9.1": "legacy: build_error @11 13, not_applicable @14 15",
        "torch 1.10.2": "legacy: build_error @11 13 14, not_applicable @15 16 17",
        "torch 1.10.2 (torch1.10.2-ort1.19.2-onnx1.17.0-py3.9)": "legacy: build_error @11 13 14, not_applicable @15",
        "torch 1.11.0": "legacy: build_error @11 13 15, not_applicable @14 16 17",
        "torch 1.11.0 (torch1.11.0-ort1.20.1-onnx1.17.0-py3.10)": ("legacy: build_error @11 13 15, not_applicable @16"
                                                                   " 17"),
        "torch 1.11.0 (torch1.11.0-ort1.19.2-onnx1.17.0-py3.10)": "legacy: build_error @11 13 15, not_applicable @14",
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
        "torch 2.3.1": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @11 13, run_error @15 17 "
                        "18 19, not_applicable @20"),
        "torch 2.4.1": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @11 13, run_error @15 17 "
                        "18 20, not_applicable @19"),
        "torch 2.5.1": ("dynamo: convert_error @11 13 15 17 18 20; legacy: convert_error @11 13, run_error @15 17 18 "
                        "20, not_applicable @19"),
        "torch 2.6.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, run_error @15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.7.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, run_error @15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.8.0": ("dynamo: convert_error @11 13 15 17, pass @18 20; legacy: convert_error @11 13, run_error @15"
                        " 17 18 20, not_applicable @19"),
        "torch 2.8.0 (torch2.8.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.9.1": ("dynamo: convert_error @11 13 15 17 18 20; legacy: convert_error @11 13, run_error @15 17 18 "
                        "20, not_applicable @19"),
        "torch 2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1)": "dynamo: convert_error @23",
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
                              "(torch2.15.0-ort1.23.2-onnx1.17.0) (3 of 21 releases pass in some mode/opset); other "
                              "modes, not counted: convert_error on torch 2.1.2, torch 2.5.1, torch 2.8.0, torch "
                              "2.9.1, torch 2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1)"),
    },
}


def build():
    import numpy as np
    import torch

    layer = torch.nn.TransformerEncoderLayer(d_model=96, nhead=12, dim_feedforward=96, batch_first=True)
    model = torch.nn.TransformerEncoder(layer, num_layers=2, enable_nested_tensor=False).eval()
    shapes = [(2, 20, 96), (3, 7, 96), (1, 12, 96)]
    inputs = [(np.random.default_rng(s).uniform(-1, 1, shape).astype("float32"),) for s, shape in enumerate(shapes)]
    class Wrapped(torch.nn.Module):  # torch 2.1-2.4 dynamo_export cannot trace a bare torch.nn leaf module
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *args):
            return self.inner(*args)

    return Wrapped(model).eval(), inputs
