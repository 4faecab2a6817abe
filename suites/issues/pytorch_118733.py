"""torch.where(cond, x, 0.0): the Python float becomes a DOUBLE constant; ORT rejects the mixed-type Where."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/118733",
    "description": "torch.where(c, x, 0.0) with a float32 x",
    "tags": ["dtype", "where", "scalar"],
    "stated": {"symptom": "ort-load", "torch": "2.2.0", "broken": "<=2.2", "fixed": "2.3 (PR #120619, inferred)"},
    "observed": "",
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return torch.where(x > 0.2, x, 0.0)

    return Model(), seeded((8,))
