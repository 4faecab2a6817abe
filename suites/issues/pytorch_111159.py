"""index_add_ with duplicate indices is exported as ScatterElements without reduction: one update wins."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/111159",
    "description": "x.index_add_(0, tensor([0, 0]), y)",
    "tags": ["silent", "scatter", "index_add"],
    "stated": {"symptom": "wrong-output", "torch": "2.1-era", "opsets": [16, 18],
               "fixed": "open; maintainers point to the dynamo exporter"},
    "observed": {
        "torch 2.1.2": "dynamo: not_applicable @13 17 20, pass @18; legacy: mismatch @13 17 18, not_applicable @20",
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: mismatch @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: mismatch @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: mismatch @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: mismatch @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: mismatch @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: mismatch @17 18",
        "agrees_with_issue": ("yes: mismatch on torch 2.1.2, torch 2.4.1, torch 2.6.0, torch 2.9.1, torch 2.14.1, "
                              "torch 2.15.0, torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x, y):
            index = torch.zeros(y.shape[0], dtype=torch.int64)
            return x.clone().index_add_(0, index, y)

    return Model(), seeded((2,), (2,))
