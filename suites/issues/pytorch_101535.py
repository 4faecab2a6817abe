"""scatter_reduce(reduce='amax'): unsupported in 2.0; from 2.1 supported only at opset >= 16."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/101535",
    "description": "zeros(5).scatter_reduce(0, [0,1,1,4], src, reduce='amax')",
    "tags": ["scatter", "scatter_reduce", "opset-dependent"],
    "stated": {"symptom": "export-crash", "torch": "2.0.1", "opsets": [15],
               "fixed": "2.1 at opset >= 16 for sum/prod/amax/amin (PR #102048, inferred); reduce='mean' never"},
    "expect_signature": "scatter_reduce",
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
        def forward(self, src):
            idx = torch.tensor([0, 1, 1, 4])
            return torch.zeros(5).scatter_reduce(0, idx, src, reduce="amax")

    return Model(), seeded((4,))
