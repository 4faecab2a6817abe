"""torch.zeros(()) then in-place += x: Constant with an empty TENSORS attribute (1.8-1.9); pre-2.0 control."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/61754",
    "description": "y = torch.zeros(()); y += x; return y, with a 0-d x",
    "tags": ["scalar", "inplace", "control"],
    "stated": {"symptom": "invalid-onnx (checker: Bad node spec ... type: TENSORS)", "works": "1.7.1",
               "broken": "introduced in 1.8.0", "fixed": "expected to pass on every 2.x"},
    "observed": "",
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            y = torch.zeros(())
            y += x
            return y

    return Model(), seeded((), low=-50.0, high=50.0)
