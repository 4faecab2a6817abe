"""F.scaled_dot_product_attention: unsupported by the 2.0 legacy exporter; from 2.1 supported at opset >= 14."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/97262",
    "description": "F.scaled_dot_product_attention(q, k, v) on (2,4,8,16) tensors",
    "tags": ["attention", "sdpa", "unsupported", "opset-dependent"],
    "stated": {"symptom": "export-crash", "broken": "2.0 at any opset", "fixed": "2.1 for opset >= 14 (PR #99658)",
               "opsets": "opset <= 13: 'Support for this operator was added in version 14'",
               "related": ["https://github.com/pytorch/pytorch/issues/96944",
                           "https://github.com/pytorch/pytorch/issues/106612"]},
    "expect_signature": "scaled_dot_product_attention",
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
        "torch 2.0.1": "dynamo: not_applicable @17 18; legacy: convert_error @11 13 15 17 18, not_applicable @19 20",
        "torch 2.0.1 (torch2.0.1-ort1.18.1-onnx1.17.0-py3.10)": ("legacy: convert_error @11 13 15 17, not_applicable "
                                                                 "@14 16"),
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: convert_error @11 13, pass @15 "
                        "17 18 19, not_applicable @20"),
        "torch 2.2.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @11 13, pass @15 17 18 19,"
                        " not_applicable @20"),
        "torch 2.3.1": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @11 13, pass @15 17 18 19,"
                        " not_applicable @20"),
        "torch 2.4.1": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @11 13, pass @15 17 18 20,"
                        " not_applicable @19"),
        "torch 2.5.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, pass @15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.6.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, pass @15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.7.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, pass @15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.8.0": ("dynamo: convert_error @11 13 15 17, pass @18 20; legacy: convert_error @11 13, pass @15 17 "
                        "18 20, not_applicable @19"),
        "torch 2.8.0 (torch2.8.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.9.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, pass @15 17 18 20, "
                        "not_applicable @19"),
        "torch 2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.10.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, pass @15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.10.0 (torch2.10.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.11.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, pass @15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.11.0 (torch2.11.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.12.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, pass @15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.12.1 (torch2.12.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.13.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, pass @15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.13.0 (torch2.13.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.14.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, pass @15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.14.1 (torch2.14.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.15.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13, pass @15 17 18 20, "
                         "not_applicable @19"),
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "agrees_with_issue": ("yes: convert_error on torch 2.0.1, torch 2.0.1 "
                              "(torch2.0.1-ort1.18.1-onnx1.17.0-py3.10), torch 2.1.2, torch 2.2.2, torch 2.3.1, torch"
                              " 2.4.1, torch 2.5.1, torch 2.6.0, torch 2.7.1, torch 2.8.0, torch 2.9.1, torch 2.10.0,"
                              " torch 2.11.0, torch 2.12.1, torch 2.13.0, torch 2.14.1, torch 2.15.0 (16 of 18 "
                              "releases pass in some mode/opset); other modes, not counted: convert_error on torch "
                              "2.1.2, torch 2.8.0"),
    },
}


def build():
    import torch
    import torch.nn.functional as F

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, q, k, v):
            return F.scaled_dot_product_attention(q, k, v)

    return Model(), seeded((2, 4, 8, 16), (2, 4, 8, 16), (2, 4, 8, 16))
