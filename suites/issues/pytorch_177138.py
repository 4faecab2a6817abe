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
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: not_applicable @13 17 20, "
                        "convert_error @18"),
        "torch 2.4.1": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: not_applicable @13 17, "
                        "convert_error @18 20"),
        "torch 2.6.0": ("dynamo: not_applicable @13 17, convert_error @18 20; legacy: not_applicable @13 17, "
                        "convert_error @18 20"),
        "torch 2.9.1": ("dynamo: not_applicable @13 17, pass @18 20; legacy: not_applicable @13 17, convert_error @18 "
                        "20"),
        "torch 2.14.1": ("dynamo: not_applicable @13 17, pass @18 20; legacy: not_applicable @13 17, convert_error @18"
                         " 20"),
        "torch 2.15.0": ("dynamo: not_applicable @13 17, pass @18 20; legacy: not_applicable @13 17, convert_error @18"
                         " 20"),
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": ("dynamo: not_applicable @17, pass @18; legacy: "
                                                            "not_applicable @17, convert_error @18"),
        "agrees_with_issue": ("no: 'wrong-output' never shows in the issue's mode (dynamo); only failures at an "
                              "earlier stage, which hide it: convert_error on torch 2.1.2, torch 2.4.1, torch 2.6.0; "
                              "other modes, not counted: convert_error on torch 2.1.2, torch 2.4.1, torch 2.6.0, torch"
                              " 2.9.1, torch 2.14.1, torch 2.15.0, torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)"),
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
