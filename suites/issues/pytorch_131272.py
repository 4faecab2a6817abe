"""AvgPool2d ceil_mode=True where the last window would start in the padding: extra output row/column."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/131272",
    "description": "nn.AvgPool2d(kernel_size=3, stride=3, padding=1, ceil_mode=True) on a 2x2 map",
    "tags": ["silent", "shape", "pooling", "ceil_mode"],
    "stated": {"symptom": "wrong-shape", "broken": "1.10-1.13 and 2.1+",
               "fixed": "2.0 (regressed in 2.1 by PR #105683)",
               "note": "maintainer: should be fixed with opset > 19 (AveragePool-19 in onnxruntime)",
               "related": ["https://github.com/pytorch/pytorch/issues/71549",
                           "https://github.com/pytorch/pytorch/issues/116420"]},
    "observed": {
        "torch 1.4.0": "legacy: invalid_model @11",
        "torch 1.5.1": "legacy: invalid_model @11",
        "torch 1.6.0": "legacy: invalid_model @11",
        "torch 1.7.1": "legacy: invalid_model @11",
        "torch 1.8.1": "legacy: wrong_shape @11 13, not_applicable @14 15",
        "torch 1.9.1": "legacy: wrong_shape @11 13, not_applicable @14 15",
        "torch 1.10.2": "legacy: wrong_shape @11 13 14, not_applicable @15 16 17",
        "torch 1.10.2 (torch1.10.2-ort1.19.2-onnx1.17.0-py3.9)": "legacy: wrong_shape @11 13 14, not_applicable @15",
        "torch 1.11.0": "legacy: wrong_shape @11 13 15, not_applicable @14 16 17",
        "torch 1.11.0 (torch1.11.0-ort1.20.1-onnx1.17.0-py3.10)": ("legacy: wrong_shape @11 13 15, not_applicable @16"
                                                                   " 17"),
        "torch 1.11.0 (torch1.11.0-ort1.19.2-onnx1.17.0-py3.10)": "legacy: wrong_shape @11 13 15, not_applicable @14",
        "torch 1.12.1": "legacy: wrong_shape @11 13 15 16, not_applicable @17",
        "torch 1.13.1": "dynamo: not_applicable @13 17; legacy: wrong_shape @11 13 15 17, not_applicable @19",
        "torch 1.13.1 (torch1.13.1-ort1.18.1-onnx1.17.0-py3.10)": ("legacy: wrong_shape @11 13 15 17, not_applicable "
                                                                   "@14 16"),
        "torch 2.0.1": "dynamo: not_applicable @17 18; legacy: mismatch @11 13 15 17 18, not_applicable @19 20",
        "torch 2.0.1 (torch2.0.1-ort1.18.1-onnx1.17.0-py3.10)": "legacy: pass @11 13 15 17, not_applicable @14 16",
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, invalid_model @18; legacy: wrong_shape @11 13 15 17 18 19,"
                        " not_applicable @20"),
        "torch 2.2.2": ("dynamo: not_applicable @13 17 20, invalid_model @18; legacy: wrong_shape @11 13 15 17 18 19,"
                        " not_applicable @20"),
        "torch 2.3.1": ("dynamo: not_applicable @13 17 20, invalid_model @18; legacy: wrong_shape @11 13 15 17 18, "
                        "invalid_model @19, not_applicable @20"),
        "torch 2.4.1": ("dynamo: not_applicable @13 17 20, invalid_model @18; legacy: wrong_shape @11 13 15 17 18, "
                        "not_applicable @19, invalid_model @20"),
        "torch 2.5.1": ("dynamo: invalid_model @11 13 15 17 18 20; legacy: wrong_shape @11 13 15 17 18, "
                        "not_applicable @19, invalid_model @20"),
        "torch 2.6.0": ("dynamo: invalid_model @11 13 15 17 18 20; legacy: wrong_shape @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.7.1": ("dynamo: invalid_model @11 13 15 17 18 20; legacy: wrong_shape @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.8.0": ("dynamo: convert_error @11 13 15 17, invalid_model @18 20; legacy: wrong_shape @11 13 15 17 "
                        "18 20, not_applicable @19"),
        "torch 2.8.0 (torch2.8.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.9.1": ("dynamo: invalid_model @11 13 15 17 18 20; legacy: wrong_shape @11 13 15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.10.0": ("dynamo: invalid_model @11 13 15 17 18 20; legacy: wrong_shape @11 13 15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.10.0 (torch2.10.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.11.0": ("dynamo: invalid_model @11 13 15 17 18 20; legacy: wrong_shape @11 13 15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.11.0 (torch2.11.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.12.1": ("dynamo: invalid_model @11 13 15 17 18 20; legacy: wrong_shape @11 13 15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.12.1 (torch2.12.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.13.0": ("dynamo: invalid_model @11 13 15 17 18 20; legacy: wrong_shape @11 13 15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.13.0 (torch2.13.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.14.1": ("dynamo: invalid_model @11 13 15 17 18 20; legacy: wrong_shape @11 13 15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.14.1 (torch2.14.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.15.0": ("dynamo: invalid_model @11 13 15 17 18 20; legacy: wrong_shape @11 13 15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: invalid_model @17 18; legacy: pass @17 18",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "agrees_with_issue": ("yes: wrong_shape on torch 1.8.1, torch 1.9.1, torch 1.10.2, torch 1.10.2 "
                              "(torch1.10.2-ort1.19.2-onnx1.17.0-py3.9), torch 1.11.0, torch 1.11.0 "
                              "(torch1.11.0-ort1.20.1-onnx1.17.0-py3.10), torch 1.11.0 "
                              "(torch1.11.0-ort1.19.2-onnx1.17.0-py3.10), torch 1.12.1, torch 1.13.1, torch 1.13.1 "
                              "(torch1.13.1-ort1.18.1-onnx1.17.0-py3.10), torch 2.1.2, torch 2.2.2, torch 2.3.1, "
                              "torch 2.4.1, torch 2.5.1, torch 2.6.0, torch 2.7.1, torch 2.8.0, torch 2.9.1, torch "
                              "2.10.0, torch 2.11.0, torch 2.12.1, torch 2.13.0, torch 2.14.1, torch 2.15.0 (2 of 32 "
                              "releases pass in some mode/opset); other modes, not counted: convert_error on torch "
                              "2.8.0; invalid_model on torch 2.1.2, torch 2.2.2, torch 2.3.1, torch 2.4.1, torch "
                              "2.5.1, torch 2.6.0, torch 2.7.1, torch 2.8.0, torch 2.9.1, torch 2.10.0, torch 2.11.0,"
                              " torch 2.12.1, torch 2.13.0, torch 2.14.1, torch 2.15.0, torch 2.15.0 "
                              "(torch2.15.0-ort1.23.2-onnx1.17.0)"),
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

    return Wrapped(torch.nn.AvgPool2d(kernel_size=3, stride=3, padding=1, ceil_mode=True)).eval(), seeded((1, 3, 2, 2))
