"""torch.nan_to_num: no ONNX symbolic in 1.10 (export failed); inputs hold NaN and +/-Inf."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/70886",
    "description": "torch.nan_to_num(x, nan=0.0, posinf=1.0, neginf=-1.0) on inputs with NaN and Inf",
    "tags": ["nan_to_num", "unsupported", "control"],
    "stated": {"symptom": "export-crash", "torch": "1.10", "fixed": "nan_to_num symbolic added later (1.11/1.12-era)"},
    "paper": {"symptom": "Crash", "cause": "Incompatibility", "location": "Node Conversion"},
    "expect_signature": "nan_to_num",
    "observed": {
        "torch 1.4.0": "legacy: build_error @11",
        "torch 1.5.1": "legacy: build_error @11",
        "torch 1.6.0": "legacy: build_error @11",
        "torch 1.7.1": "legacy: build_error @11",
        "torch 1.8.1": "legacy: convert_error @11 13, not_applicable @14 15",
        "torch 1.9.1": "legacy: convert_error @11 13, not_applicable @14 15",
        "torch 1.10.2": "legacy: convert_error @11 13 14, not_applicable @15 16 17",
        "torch 1.10.2 (torch1.10.2-ort1.19.2-onnx1.17.0-py3.9)": ("legacy: convert_error @11 13 14, not_applicable "
                                                                  "@15"),
        "torch 1.11.0": "legacy: convert_error @11 13 15, not_applicable @14 16 17",
        "torch 1.11.0 (torch1.11.0-ort1.20.1-onnx1.17.0-py3.10)": ("legacy: convert_error @11 13 15, not_applicable "
                                                                   "@16 17"),
        "torch 1.11.0 (torch1.11.0-ort1.19.2-onnx1.17.0-py3.10)": ("legacy: convert_error @11 13 15, not_applicable "
                                                                   "@14"),
        "torch 1.12.1": "legacy: pass @11 13 15 16, not_applicable @17",
        "torch 1.13.1": "dynamo: not_applicable @13 17; legacy: pass @11 13 15 17, not_applicable @19",
        "torch 1.13.1 (torch1.13.1-ort1.18.1-onnx1.17.0-py3.10)": "legacy: pass @11 13 15 17, not_applicable @14 16",
        "torch 2.0.1": "dynamo: not_applicable @17 18; legacy: pass @11 13 15 17 18, not_applicable @19 20",
        "torch 2.0.1 (torch2.0.1-ort1.18.1-onnx1.17.0-py3.10)": "legacy: pass @11 13 15 17, not_applicable @14 16",
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.2.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @11 13 15 17 18 19, "
                        "not_applicable @20"),
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
        "torch 2.13.0": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.13.0 (torch2.13.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.14.1": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.14.1 (torch2.14.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.15.0": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "agrees_with_issue": ("yes: convert_error on torch 1.8.1, torch 1.9.1, torch 1.10.2, torch 1.10.2 "
                              "(torch1.10.2-ort1.19.2-onnx1.17.0-py3.9), torch 1.11.0, torch 1.11.0 "
                              "(torch1.11.0-ort1.20.1-onnx1.17.0-py3.10), torch 1.11.0 "
                              "(torch1.11.0-ort1.19.2-onnx1.17.0-py3.10) (21 of 28 releases pass in some mode/opset);"
                              " other modes, not counted: convert_error on torch 2.1.2, torch 2.2.2, torch 2.3.1, "
                              "torch 2.8.0"),
    },
}


def build():
    import numpy as np
    import torch

    class Model(torch.nn.Module):
        def forward(self, x):
            return torch.nan_to_num(x, nan=0.0, posinf=1.0, neginf=-1.0)

    inputs = []
    for seed in (0, 1, 2):
        x = np.random.default_rng(seed).uniform(-1, 1, (3, 4)).astype("float32")
        x[0, seed] = np.nan
        x[1, seed] = np.inf
        x[2, seed] = -np.inf
        inputs.append((x,))
    return Model(), inputs
