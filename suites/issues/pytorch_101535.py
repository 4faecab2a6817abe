"""scatter_reduce(reduce='amax'): unsupported in 2.0; from 2.1 supported only at opset >= 16."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/101535",
    "description": "zeros(5).scatter_reduce(0, [0,1,1,4], src, reduce='amax')",
    "tags": ["scatter", "scatter_reduce", "opset-dependent"],
    "stated": {"symptom": "export-crash", "torch": "2.0.1", "opsets": [15],
               "fixed": "2.1 at opset >= 16 for sum/prod/amax/amin (PR #102048, inferred); reduce='mean' never"},
    "observed": "",
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, src):
            idx = torch.tensor([0, 1, 1, 4])
            return torch.zeros(5).scatter_reduce(0, idx, src, reduce="amax")

    return Model(), seeded((4,))
