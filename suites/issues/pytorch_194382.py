"""x * k with k a 0-d int64 tensor attribute: dynamo finds no ONNX function for aten.mul.Scalar (2.13)."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/194382",
    "description": "x * self.k with self.k = torch.as_tensor(42) (int64, 0-d), in a 3-step state update",
    "tags": ["type-promotion", "scalar", "regression"],
    "stated": {"symptom": "export-crash", "exporters": ["dynamo"], "works": "2.12.1", "broken": "2.13.0",
               "related": ["https://github.com/norse/norse/issues/447"],
               "note": "no confirmed one-liner upstream: the pattern is the norse#447 one"},
    "expect_signature": "No ONNX function found for <OpOverload\\(op='aten\\.mul'",
    "observed": {
        "torch 2.1.2": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18, not_applicable @20",
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (dynamo) (7 releases); the stated "
                              "broken release 2.13.0 was never run"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.k = torch.as_tensor(42)

        def forward(self, x):
            state = torch.zeros_like(x[0])
            for t in range(x.shape[0]):
                state = 0.5 * state + x[t] * self.k
            return state

    return Model(), seeded((2, 1, 10))
