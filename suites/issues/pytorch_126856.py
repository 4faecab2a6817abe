"""x[mask] = 0 with an all-true constant mask under dynamo_export: ORT ScatterElements error."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/126856",
    "description": "mask = ones((1,3,3), bool); x[mask] = 0; return x",
    "tags": ["indexing", "mask", "inplace"],
    "stated": {"symptom": "ort-runtime (ScatterElements)", "exporters": ["dynamo"], "opsets": [18],
               "torch": "2.3-era (2024-05)", "fixed": "open in the stored text"},
    "expect_signature": "ScatterElements",
    "observed": {
        "torch 1.4.0": "legacy: load_error @11",
        "torch 1.5.1": "legacy: invalid_model @11",
        "torch 1.6.0": "legacy: invalid_model @11",
        "torch 1.7.1": "legacy: invalid_model @11",
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
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: pass @11 13 15 17 18 19, not_applicable "
                        "@20"),
        "torch 2.2.2": ("dynamo: not_applicable @13 17 20, run_error @18; legacy: pass @11 13 15 17 18 19, "
                        "not_applicable @20"),
        "torch 2.3.1": ("dynamo: not_applicable @13 17 20, pass @18; legacy: pass @11 13 15 17 18 19, not_applicable "
                        "@20"),
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
        "agrees_with_issue": ("yes: run_error on torch 2.2.2 (23 of 24 releases pass in some mode/opset); other "
                              "modes, not counted: invalid_model on torch 1.5.1, torch 1.6.0, torch 1.7.1; load_error"
                              " on torch 1.4.0"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            mask = torch.ones((1, 3, 3), dtype=torch.bool)
            x[mask] = 0
            return x

    return Model(), seeded((1, 3, 3))
