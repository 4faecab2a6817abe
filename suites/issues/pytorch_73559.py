"""torch.linspace with the step count read from an input: wrong spacing when the count differs from the export."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/73559",
    "description": "torch.linspace(-1, 1, x[0, 0]) with x an int32 (1,1) tensor; export with 6, run with 6, 5 and 9",
    "tags": ["silent", "linspace", "data-dependent"],
    "stated": {"symptom": "wrong-output", "torch": "1.10/1.11-era", "opsets": [11],
               "behaviour": "run with 7 gives [-1, -0.6, ..., 1.4]: step computed from the export value"},
    "paper": {"symptom": "Wrong Model", "cause": "Type Problem", "location": "Node Conversion"},
    "observed": {
        "torch 1.4.0": "legacy: convert_error @11",
        "torch 1.5.1": "legacy: convert_error @11",
        "torch 1.6.0": "legacy: convert_error @11",
        "torch 1.7.1": "legacy: wrong_shape @11",
        "torch 1.8.1": "legacy: convert_error @11 13, not_applicable @14 15",
        "torch 1.9.1": "legacy: convert_error @11 13, not_applicable @14 15",
        "torch 1.10.2": "legacy: wrong_shape @11 13 14, not_applicable @15 16 17",
        "torch 1.10.2 (torch1.10.2-ort1.19.2-onnx1.17.0-py3.9)": "legacy: wrong_shape @11 13 14, not_applicable @15",
        "torch 1.11.0": "legacy: wrong_shape @11 13 15, not_applicable @14 16 17",
        "torch 1.11.0 (torch1.11.0-ort1.20.1-onnx1.17.0-py3.10)": ("legacy: wrong_shape @11 13 15, not_applicable @16"
                                                                   " 17"),
        "torch 1.11.0 (torch1.11.0-ort1.19.2-onnx1.17.0-py3.10)": "legacy: wrong_shape @11 13 15, not_applicable @14",
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
        "torch 2.4.1": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.5.1": ("dynamo: convert_error @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.6.0": ("dynamo: convert_error @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.7.1": ("dynamo: convert_error @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.8.0": ("dynamo: convert_error @11 13 15 17, wrong_shape @18 20; legacy: pass @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.8.0 (torch2.8.0-ort1.23.2-onnx1.19.1)": "dynamo: wrong_shape @23",
        "torch 2.9.1": ("dynamo: convert_error @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1)": "dynamo: convert_error @23",
        "torch 2.10.0": ("dynamo: convert_error @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                         "@19"),
        "torch 2.10.0 (torch2.10.0-ort1.23.2-onnx1.19.1)": "dynamo: convert_error @23",
        "torch 2.11.0": ("dynamo: convert_error @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                         "@19"),
        "torch 2.11.0 (torch2.11.0-ort1.23.2-onnx1.19.1)": "dynamo: convert_error @23",
        "torch 2.12.1": ("dynamo: convert_error @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                         "@19"),
        "torch 2.12.1 (torch2.12.1-ort1.23.2-onnx1.19.1)": "dynamo: convert_error @23",
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
        "agrees_with_issue": ("no: 'wrong-output' never shows in the issue's mode (legacy; reported on torch 1.11, "
                              "before export(dynamo=) existed); only failures at an earlier stage, which hide it: "
                              "convert_error on torch 1.4.0, torch 1.5.1, torch 1.6.0, torch 1.8.1, torch 1.9.1; "
                              "wrong_shape on torch 1.7.1, torch 1.10.2, torch 1.10.2 "
                              "(torch1.10.2-ort1.19.2-onnx1.17.0-py3.9), torch 1.11.0, torch 1.11.0 "
                              "(torch1.11.0-ort1.20.1-onnx1.17.0-py3.10), torch 1.11.0 "
                              "(torch1.11.0-ort1.19.2-onnx1.17.0-py3.10); other modes, not counted: convert_error on "
                              "torch 2.1.2, torch 2.2.2, torch 2.3.1, torch 2.4.1, torch 2.5.1, torch 2.6.0, torch "
                              "2.7.1, torch 2.8.0, torch 2.9.1, torch 2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1), torch "
                              "2.10.0, torch 2.10.0 (torch2.10.0-ort1.23.2-onnx1.19.1), torch 2.11.0, torch 2.11.0 "
                              "(torch2.11.0-ort1.23.2-onnx1.19.1), torch 2.12.1, torch 2.12.1 "
                              "(torch2.12.1-ort1.23.2-onnx1.19.1), torch 2.13.0, torch 2.13.0 "
                              "(torch2.13.0-ort1.23.2-onnx1.19.1), torch 2.14.1, torch 2.14.1 "
                              "(torch2.14.1-ort1.23.2-onnx1.19.1), torch 2.15.0, torch 2.15.0 "
                              "(torch2.15.0-ort1.23.2-onnx1.17.0), torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.19.1); "
                              "wrong_shape on torch 2.8.0, torch 2.8.0 (torch2.8.0-ort1.23.2-onnx1.19.1)"),
    },
}


def build():
    import numpy as np
    import torch

    class Model(torch.nn.Module):
        def forward(self, x):
            return torch.linspace(-1.0, 1.0, x[0, 0])

    return Model(), [(np.array([[n]], dtype="int32"),) for n in (6, 5, 9)]
