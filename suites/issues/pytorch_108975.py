"""Conv2d with padding='same' goes through aten::_convolution_mode, which old exporters do not support."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/108975",
    "description": "two Conv2d layers with padding='same'",
    "tags": ["conv", "padding", "unsupported"],
    "stated": {"symptom": "export-crash", "broken": "<=2.0.1", "fixed": "works on 2.3.1 (first good release unknown)",
               "related": ["https://github.com/pytorch/pytorch/issues/68880"]},
    "observed": "",
}


def build():
    import torch

    from convtrack.suite import seeded

    model = torch.nn.Sequential(torch.nn.Conv2d(2, 8, 3, padding="same"), torch.nn.Conv2d(8, 4, 3, padding="same"))
    return model.eval(), seeded((1, 2, 16, 16))
