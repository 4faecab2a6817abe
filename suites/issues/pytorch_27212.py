"""F.grid_sample: exportable only from opset 16 (GridSample-16); lower opsets say 'added in version 16'."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/27212",
    "description": "F.grid_sample(x, grid, align_corners=False), x (1,3,8,8), grid (1,4,4,2) in [-1,1]",
    "tags": ["grid_sample", "unsupported", "opset-dependent"],
    "stated": {"symptom": "export-crash below opset 16", "fixed": "PR #76159 (GridSample-16 symbolic)",
               "related": ["https://github.com/tiny-smart/dysample/issues/5"]},
    "paper": {"symptom": "Unreported", "cause": "Incompatibility", "location": "Node Conversion"},
    "expect_signature": "grid_sampler",
    "observed": {
        "torch 1.4.0": "legacy: convert_error @11",
        "torch 1.5.1": "legacy: convert_error @11",
        "torch 1.6.0": "legacy: convert_error @11",
        "torch 1.7.1": "legacy: convert_error @11",
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
        "torch 1.12.1": "legacy: convert_error @11 13 15, pass @16, not_applicable @17",
        "torch 1.13.1": ("dynamo: not_applicable @13 17; legacy: convert_error @11 13 15, pass @17, not_applicable "
                         "@19"),
        "torch 1.13.1 (torch1.13.1-ort1.18.1-onnx1.17.0-py3.10)": ("legacy: convert_error @11 13 15, not_applicable "
                                                                   "@14 16, pass @17"),
        "torch 2.0.1": ("dynamo: not_applicable @17 18; legacy: convert_error @11 13 15, pass @17 18, not_applicable "
                        "@19 20"),
        "torch 2.0.1 (torch2.0.1-ort1.18.1-onnx1.17.0-py3.10)": ("legacy: convert_error @11 13 15, not_applicable @14"
                                                                 " 16, pass @17"),
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @11 13 15, pass @17 18 19,"
                        " not_applicable @20"),
        "torch 2.2.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @11 13 15, pass @17 18 19,"
                        " not_applicable @20"),
        "torch 2.3.1": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @11 13 15, pass @17 18 19,"
                        " not_applicable @20"),
        "torch 2.4.1": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @11 13 15, pass @17 18 20,"
                        " not_applicable @19"),
        "torch 2.5.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15, pass @17 18 20, "
                        "not_applicable @19"),
        "torch 2.6.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15, pass @17 18 20, "
                        "not_applicable @19"),
        "torch 2.7.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15, pass @17 18 20, "
                        "not_applicable @19"),
        "torch 2.8.0": ("dynamo: convert_error @11 13 15 17, pass @18 20; legacy: convert_error @11 13 15, pass @17 "
                        "18 20, not_applicable @19"),
        "torch 2.8.0 (torch2.8.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.9.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15, pass @17 18 20, "
                        "not_applicable @19"),
        "torch 2.9.1 (torch2.9.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.10.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15, pass @17 18 20, "
                         "not_applicable @19"),
        "torch 2.10.0 (torch2.10.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.11.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15, pass @17 18 20, "
                         "not_applicable @19"),
        "torch 2.11.0 (torch2.11.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.12.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15, pass @17 18 20, "
                         "not_applicable @19"),
        "torch 2.12.1 (torch2.12.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.13.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15, pass @17 18 20, "
                         "not_applicable @19"),
        "torch 2.13.0 (torch2.13.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.14.1": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15, pass @17 18 20, "
                         "not_applicable @19"),
        "torch 2.14.1 (torch2.14.1-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "torch 2.15.0": ("dynamo: pass @11 13 15 17 18 20; legacy: convert_error @11 13 15, pass @17 18 20, "
                         "not_applicable @19"),
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.19.1)": "dynamo: pass @23",
        "agrees_with_issue": ("yes: convert_error on torch 1.4.0, torch 1.5.1, torch 1.6.0, torch 1.7.1, torch 1.8.1,"
                              " torch 1.9.1, torch 1.10.2, torch 1.10.2 (torch1.10.2-ort1.19.2-onnx1.17.0-py3.9), "
                              "torch 1.11.0, torch 1.11.0 (torch1.11.0-ort1.20.1-onnx1.17.0-py3.10), torch 1.11.0 "
                              "(torch1.11.0-ort1.19.2-onnx1.17.0-py3.10), torch 1.12.1, torch 1.13.1, torch 1.13.1 "
                              "(torch1.13.1-ort1.18.1-onnx1.17.0-py3.10), torch 2.0.1, torch 2.0.1 "
                              "(torch2.0.1-ort1.18.1-onnx1.17.0-py3.10), torch 2.1.2, torch 2.2.2, torch 2.3.1, torch"
                              " 2.4.1, torch 2.5.1, torch 2.6.0, torch 2.7.1, torch 2.8.0, torch 2.9.1, torch 2.10.0,"
                              " torch 2.11.0, torch 2.12.1, torch 2.13.0, torch 2.14.1, torch 2.15.0 (29 of 40 "
                              "releases pass in some mode/opset)"),
    },
}


def build():
    import torch
    import torch.nn.functional as F

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x, grid):
            return F.grid_sample(x, grid, align_corners=False)

    return Model(), seeded((1, 3, 8, 8), (1, 4, 4, 2), low=-0.95, high=0.95)
