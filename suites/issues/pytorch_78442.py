"""Integer floor division of mixed-sign operands exported as truncation (fixed for 2.0 by PR #86146)."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/78442",
    "description": "x // y on int64 tensors with mixed signs",
    "tags": ["silent", "integer", "division", "control"],
    "stated": {"symptom": "wrong-output", "broken": "<=1.13", "fixed": "2.0 (PR #86146, inferred)",
               "exporters": ["legacy"]},
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
        "torch 1.13.1": "dynamo: not_applicable @13 17; legacy: mismatch @11 13 15 17, not_applicable @19",
        "torch 1.13.1 (torch1.13.1-ort1.18.1-onnx1.17.0-py3.10)": ("legacy: mismatch @11 13 15 17, not_applicable @14"
                                                                   " 16"),
        "torch 2.0.1": "dynamo: not_applicable @17 18; legacy: mismatch @11 13 15 17 18, not_applicable @19 20",
        "torch 2.0.1 (torch2.0.1-ort1.18.1-onnx1.17.0-py3.10)": ("legacy: mismatch @11 13 15 17, not_applicable @14 "
                                                                 "16"),
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, invalid_model @18; legacy: mismatch @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.2.2": ("dynamo: not_applicable @13 17 20, invalid_model @18; legacy: mismatch @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.3.1": ("dynamo: not_applicable @13 17 20, invalid_model @18; legacy: mismatch @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.4.1": ("dynamo: not_applicable @13 17 20, invalid_model @18; legacy: mismatch @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.5.1": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.6.0": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.7.1": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.8.0": ("dynamo: convert_error @11 13 15 17, pass @18 20; legacy: mismatch @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.8.0 (torch2.8.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.9.1": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.10.0": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.10.0 (torch2.10.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.11.0": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.11.0 (torch2.11.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.12.1": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.12.1 (torch2.12.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.13.0": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.13.0 (torch2.13.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.14.1": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.14.1 (torch2.14.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.15.0": "dynamo: pass @11 13 15 17 18 20; legacy: mismatch @11 13 15 17 18 20, not_applicable @19",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: mismatch @17 18",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "agrees_with_issue": ("yes: mismatch on torch 1.13.1, torch 1.13.1 (torch1.13.1-ort1.18.1-onnx1.17.0-py3.10),"
                              " torch 2.0.1, torch 2.0.1 (torch2.0.1-ort1.18.1-onnx1.17.0-py3.10), torch 2.1.2, torch"
                              " 2.2.2, torch 2.3.1, torch 2.4.1, torch 2.5.1, torch 2.6.0, torch 2.7.1, torch 2.8.0, "
                              "torch 2.9.1, torch 2.10.0, torch 2.11.0, torch 2.12.1, torch 2.13.0, torch 2.14.1, "
                              "torch 2.15.0, torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0); it persists past the "
                              "stated fix in 2.0 (torch 2.0.1, torch 2.0.1 (torch2.0.1-ort1.18.1-onnx1.17.0-py3.10), "
                              "torch 2.1.2, torch 2.2.2, torch 2.3.1, torch 2.4.1, torch 2.5.1, torch 2.6.0, torch "
                              "2.7.1, torch 2.8.0, torch 2.9.1, torch 2.10.0, torch 2.11.0, torch 2.12.1, torch "
                              "2.13.0, torch 2.14.1, torch 2.15.0, torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)) "
                              "(12 of 32 releases pass in some mode/opset); other modes, not counted: convert_error "
                              "on torch 2.8.0; invalid_model on torch 2.1.2, torch 2.2.2, torch 2.3.1, torch 2.4.1"),
    },
}


def build():
    import numpy as np
    import torch

    class Model(torch.nn.Module):
        def forward(self, x, y):
            return x // y

    inputs = []
    for seed in (0, 1, 2):
        rng = np.random.default_rng(seed)
        x = rng.integers(-50, 50, size=(16,)).astype("int64")
        y = rng.choice(np.array([-7, -3, -2, 2, 3, 5], dtype="int64"), size=(16,))
        inputs.append((x, y))
    # the issue's own operands first: eager gives [-4, -4, -3, 2], truncation [-3, -3, -2, 2]
    inputs[0][0][:4] = [-7, 7, -8, 9]
    inputs[0][1][:4] = [2, -2, 3, 4]
    return Model(), inputs
