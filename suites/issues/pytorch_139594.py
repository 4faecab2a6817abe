"""index_fill_ with a tensor dim on a 1-D input fails to export (fixed by PR #139596, 2024-11)."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/139594",
    "description": "x.index_fill_(tensor(0), index, -1) on a 1-D tensor",
    "tags": ["indexing", "index_fill"],
    "stated": {"symptom": "export-crash", "broken": "<=2.5", "fixed": "2.6 (PR #139596 merged 2024-11-06, inferred)"},
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: convert_error @13 17 18, "
                        "not_applicable @20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, convert_error @18; legacy: convert_error @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("yes: convert_error on torch 2.1.2, torch 2.4.1; the stated fix in 2.6 is reproduced: "
                              "failing before it, clean on 5 releases from it (5 of 7 releases pass in some "
                              "mode/opset)"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.dim = torch.tensor(0)
            self.index = torch.tensor([1])

        def forward(self, x):
            return x.clone().index_fill_(self.dim, self.index, -1)

    return Model(), seeded((3,))
