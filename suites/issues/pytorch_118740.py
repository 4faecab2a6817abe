"""nn.LSTM under the dynamo exporter: dynamo graph-breaks on RNNs; torchlib LSTM ops only from onnxscript #2674."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/118740",
    "description": "nn.LSTM(8, 16, batch_first=True) on a (2,5,8) input (output, (h, c))",
    "tags": ["rnn", "lstm"],
    "stated": {"symptom": "export-crash", "exporters": ["dynamo"], "torch": "2.2-era dynamo_export",
               "fixed": "LSTM/GRU torchlib ops in microsoft/onnxscript PR #2674 (2025-11)",
               "legacy": "supports nn.LSTM throughout",
               "related": ["https://github.com/pytorch/pytorch/issues/120626",
                           "https://github.com/pytorch/pytorch/issues/123089"]},
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
        "torch 2.5.1": ("dynamo: invalid_model @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.6.0": ("dynamo: invalid_model @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.7.1": ("dynamo: invalid_model @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.8.0": ("dynamo: convert_error @11 13 15 17, invalid_model @18 20; legacy: pass @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.8.0 (torch2.8.0-ort1.23.2-onnx1.19.1)": "dynamo: invalid_model @23",
        "torch 2.9.1": ("dynamo: invalid_model @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                        "@19"),
        "torch 2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1)": "dynamo: invalid_model @23",
        "torch 2.10.0": ("dynamo: invalid_model @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                         "@19"),
        "torch 2.10.0 (torch2.10.0-ort1.23.2-onnx1.19.1)": "dynamo: invalid_model @23",
        "torch 2.11.0": ("dynamo: invalid_model @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                         "@19"),
        "torch 2.11.0 (torch2.11.0-ort1.23.2-onnx1.19.1)": "dynamo: invalid_model @23",
        "torch 2.12.1": ("dynamo: invalid_model @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable "
                         "@19"),
        "torch 2.12.1 (torch2.12.1-ort1.23.2-onnx1.19.1)": "dynamo: invalid_model @23",
        "torch 2.13.0": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.13.0 (torch2.13.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.14.1": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.14.1 (torch2.14.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.15.0": "dynamo: pass @11 13 15 17 18 20; legacy: pass @11 13 15 17 18 20, not_applicable @19",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "agrees_with_issue": ("yes: convert_error on torch 2.1.2, torch 2.2.2, torch 2.3.1, torch 2.4.1, torch 2.8.0 "
                              "(7 of 24 releases pass in some mode/opset)"),
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

    return Wrapped(torch.nn.LSTM(8, 16, batch_first=True)).eval(), seeded((2, 5, 8))
