"""torch.triu: unsupported at opset 11 in 1.7-era exporters (Trilu needs opset 14); control at opset >= 14."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/51851",
    "description": "torch.triu(x, diagonal=1) on a (4,5) input",
    "tags": ["triu", "unsupported", "opset-dependent"],
    "stated": {"symptom": "export-crash", "torch": "1.7-era", "opsets": [11],
               "fixed": "Trilu symbolic for opset 14 (later releases); 'added in version 14' below",
               "related": ["https://github.com/pytorch/pytorch/issues/32968",
                           "https://github.com/huggingface/optimum/pull/1331"]},
    "paper": {"symptom": "Crash", "cause": "Incompatibility", "location": "Node Conversion"},
    "expect_signature": "aten::(tril|triu)",
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @13, pass @17 18, "
                        "not_applicable @20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @13, pass @17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: convert_error @13, pass @17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: convert_error @13, pass @17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: convert_error @13, pass @17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: convert_error @13, pass @17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("yes: convert_error on torch 2.1.2, torch 2.4.1, torch 2.6.0, torch 2.9.1, torch 2.14.1,"
                              " torch 2.15.0 (7 of 7 releases pass in some mode/opset)"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return torch.triu(x, diagonal=1)

    return Model(), seeded((4, 5))
