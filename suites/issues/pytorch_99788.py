"""full_like(x, 10) with dtype=None on an int64 input exported as float: the min comes out FLOAT, not INT64."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/99788",
    "description": "torch.min(x, torch.full_like(x, 10)) on int64 x",
    "tags": ["silent", "dtype", "full_like"],
    "stated": {"symptom": "wrong-dtype", "broken": "2.1.0.dev20230328 and later nightlies",
               "works": "2.1.0.dev20230327 and before", "fixed": "PR #103048 (June 2023, before 2.1 final, inferred)",
               "related": ["https://github.com/pytorch/pytorch/issues/102693"]},
    "observed": "",
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return torch.min(x, torch.full_like(x, 10))

    return Model(), seeded((4, 4), dtype="int64", low=0, high=20)
