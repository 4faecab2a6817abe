"""torch.argsort: 'Exporting the operator ::argsort to ONNX opset version 16 is not supported' (1.12)."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/79859",
    "description": "torch.argsort(x, dim=-1, descending=True) on a (3,10) input",
    "tags": ["sort", "argsort", "unsupported", "control"],
    "stated": {"symptom": "export-crash", "torch": "1.12", "opsets": [16], "fixed": "1.13-era (argsort symbolic)"},
    "paper": {"symptom": "Crash", "cause": "Incompatibility", "location": "Node Conversion"},
    "observed": "",
}


def build():
    import numpy as np
    import torch

    class Model(torch.nn.Module):
        def forward(self, x):
            return torch.argsort(x, dim=-1, descending=True)

    inputs = [(np.random.default_rng(s).permuted(np.tile(np.arange(10, dtype="float32"), (3, 1)), axis=1),)
              for s in (0, 1, 2)]
    return Model(), inputs
