"""nn.PixelUnshuffle exported by dynamo as SpaceToDepth (DCR order): channels permuted whenever C > 1."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/186080",
    "description": "nn.PixelUnshuffle(2) on a (1,2,4,4) input",
    "tags": ["silent", "pixel_unshuffle", "layout"],
    "stated": {"symptom": "wrong-output", "exporters": ["dynamo"], "torch": "2026 with a recent onnxscript",
               "legacy": "matches eager", "root_cause": "https://github.com/microsoft/onnxscript/issues/2891"},
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
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, mismatch @18; legacy: pass @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.2.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.3.1": ("dynamo: not_applicable @13 17 20, mismatch @18; legacy: pass @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.4.1": ("dynamo: not_applicable @13 17 20, mismatch @18; legacy: pass @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.5.1": "dynamo: mismatch @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.6.0": "dynamo: mismatch @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
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
        "agrees_with_issue": ("yes: mismatch on torch 2.1.2, torch 2.3.1, torch 2.4.1, torch 2.5.1, torch 2.6.0 (18 "
                              "of 24 releases pass in some mode/opset); other modes, not counted: convert_error on "
                              "torch 1.8.1, torch 1.9.1, torch 1.10.2, torch 1.10.2 "
                              "(torch1.10.2-ort1.19.2-onnx1.17.0-py3.9), torch 1.11.0, torch 1.11.0 "
                              "(torch1.11.0-ort1.20.1-onnx1.17.0-py3.10), torch 1.11.0 "
                              "(torch1.11.0-ort1.19.2-onnx1.17.0-py3.10)"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Wrapped(torch.nn.Module):  # torch 2.1-2.4 dynamo_export cannot trace a bare torch.nn leaf module
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *args):
            return self.inner(*args)

    return Wrapped(torch.nn.PixelUnshuffle(2)).eval(), seeded((1, 2, 4, 4))
