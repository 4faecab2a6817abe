"""Bicubic downsampling with antialias=True: the dynamo export writes cubic_coeff_a=-0.75 (PyTorch uses -0.5)."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/177138",
    "description": "F.interpolate(scale_factor=0.5, mode='bicubic', antialias=True) on a 32x32 map",
    "tags": ["silent", "resize", "interpolate", "antialias"],
    "stated": {"symptom": "wrong-output", "exporters": ["dynamo"], "torch": "2026 builds", "opsets": [18],
               "legacy": "rejects antialias=True (unsupported)", "fixed": "closed; fix commit not identified"},
    "min_opset": 18,
    "observed": {
        "torch 1.4.0": "legacy: not_applicable @11",
        "torch 1.5.1": "legacy: not_applicable @11",
        "torch 1.6.0": "legacy: not_applicable @11",
        "torch 1.7.1": "legacy: not_applicable @11",
        "torch 1.8.1": "legacy: not_applicable @11 13 14 15",
        "torch 1.9.1": "legacy: not_applicable @11 13 14 15",
        "torch 1.10.2": "legacy: not_applicable @11 13 14 15 16 17",
        "torch 1.10.2 (torch1.10.2-ort1.19.2-onnx1.17.0-py3.9)": "legacy: not_applicable @11 13 14 15",
        "torch 1.11.0": "legacy: not_applicable @11 13 14 15 16 17",
        "torch 1.11.0 (torch1.11.0-ort1.20.1-onnx1.17.0-py3.10)": "legacy: not_applicable @11 13 15 16 17",
        "torch 1.11.0 (torch1.11.0-ort1.19.2-onnx1.17.0-py3.10)": "legacy: not_applicable @11 13 14 15",
        "torch 1.12.1": "legacy: not_applicable @11 13 15 16 17",
        "torch 1.13.1": "dynamo: not_applicable @13 17; legacy: not_applicable @11 13 15 17 19",
        "torch 1.13.1 (torch1.13.1-ort1.18.1-onnx1.17.0-py3.10)": "legacy: not_applicable @11 13 14 15 16 17",
        "torch 2.0.1": "dynamo: not_applicable @17 18; legacy: not_applicable @11 13 15 17 19 20, convert_error @18",
        "torch 2.0.1 (torch2.0.1-ort1.18.1-onnx1.17.0-py3.10)": "legacy: not_applicable @11 13 14 15 16 17",
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: not_applicable @11 13 15 17 20,"
                        " convert_error @18 19"),
        "torch 2.2.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: not_applicable @11 13 15 17 20,"
                        " convert_error @18 19"),
        "torch 2.3.1": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: not_applicable @11 13 15 17 20,"
                        " convert_error @18 19"),
        "torch 2.4.1": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: not_applicable @11 13 15 17 19,"
                        " convert_error @18 20"),
        "torch 2.5.1": ("dynamo: not_applicable @11 13 15 17, convert_error @18 20; legacy: not_applicable @11 13 15 "
                        "17 19, convert_error @18 20"),
        "torch 2.6.0": ("dynamo: not_applicable @11 13 15 17, convert_error @18 20; legacy: not_applicable @11 13 15 "
                        "17 19, convert_error @18 20"),
        "torch 2.7.1": ("dynamo: not_applicable @11 13 15 17, pass @18 20; legacy: not_applicable @11 13 15 17 19, "
                        "convert_error @18 20"),
        "torch 2.8.0": ("dynamo: not_applicable @11 13 15 17, pass @18 20; legacy: not_applicable @11 13 15 17 19, "
                        "convert_error @18 20"),
        "torch 2.8.0 (torch2.8.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.9.1": ("dynamo: not_applicable @11 13 15 17, pass @18 20; legacy: not_applicable @11 13 15 17 19, "
                        "convert_error @18 20"),
        "torch 2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.10.0": ("dynamo: not_applicable @11 13 15 17, pass @18 20; legacy: not_applicable @11 13 15 17 19, "
                         "convert_error @18 20"),
        "torch 2.10.0 (torch2.10.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.11.0": ("dynamo: not_applicable @11 13 15 17, pass @18 20; legacy: not_applicable @11 13 15 17 19, "
                         "convert_error @18 20"),
        "torch 2.11.0 (torch2.11.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.12.1": ("dynamo: not_applicable @11 13 15 17, pass @18 20; legacy: not_applicable @11 13 15 17 19, "
                         "convert_error @18 20"),
        "torch 2.12.1 (torch2.12.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.13.0": ("dynamo: not_applicable @11 13 15 17, pass @18 20; legacy: not_applicable @11 13 15 17 19, "
                         "convert_error @18 20"),
        "torch 2.13.0 (torch2.13.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.14.1": ("dynamo: not_applicable @11 13 15 17, pass @18 20; legacy: not_applicable @11 13 15 17 19, "
                         "convert_error @18 20"),
        "torch 2.14.1 (torch2.14.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.15.0": ("dynamo: not_applicable @11 13 15 17, pass @18 20; legacy: not_applicable @11 13 15 17 19, "
                         "convert_error @18 20"),
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": ("dynamo: not_applicable @17, pass @18; legacy: "
                                                            "not_applicable @17, convert_error @18"),
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "agrees_with_issue": ("no: 'wrong-output' never shows in the issue's mode (dynamo); only failures at an "
                              "earlier stage, which hide it: convert_error on torch 2.1.2, torch 2.2.2, torch 2.3.1, "
                              "torch 2.4.1, torch 2.5.1, torch 2.6.0; other modes, not counted: convert_error on "
                              "torch 2.0.1, torch 2.1.2, torch 2.2.2, torch 2.3.1, torch 2.4.1, torch 2.5.1, torch "
                              "2.6.0, torch 2.7.1, torch 2.8.0, torch 2.9.1, torch 2.10.0, torch 2.11.0, torch "
                              "2.12.1, torch 2.13.0, torch 2.14.1, torch 2.15.0, torch 2.15.0 "
                              "(torch2.15.0-ort1.23.2-onnx1.17.0)"),
    },
}


def build():
    import torch
    import torch.nn.functional as F

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return F.interpolate(x, scale_factor=0.5, mode="bicubic", antialias=True)

    return Model(), seeded((1, 3, 32, 32), low=0.0, high=1.0)
