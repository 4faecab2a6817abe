"""Tensor.unflatten: unsupported by the 2.0 legacy exporter; supported from 2.1 at opset >= 13."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/98857",
    "description": "x.unflatten(1, (2, -1)) on a (3,8,5) input",
    "tags": ["unflatten", "unsupported", "opset-dependent"],
    "stated": {"symptom": "export-crash", "broken": "2.0 (opset 13/14)",
               "fixed": "2.1 at opset >= 13 (PR #99056, inferred)",
               "opsets": "opset <= 12 unsupported on every release",
               "related": ["https://github.com/pytorch/pytorch/issues/99820",
                           "https://github.com/pytorch/pytorch/issues/100826",
                           "https://github.com/pytorch/pytorch/issues/115414"]},
    "observed": "",
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return x.unflatten(1, (2, -1))

    return Model(), seeded((3, 8, 5))
