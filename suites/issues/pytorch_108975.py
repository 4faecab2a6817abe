"""Conv2d with padding='same' goes through aten::_convolution_mode, which old exporters do not support."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/108975",
    "description": "two Conv2d layers with padding='same'",
    "tags": ["conv", "padding", "unsupported"],
    "stated": {"symptom": "export-crash", "broken": "<=2.0.1", "fixed": "works on 2.3.1 (first good release unknown)",
               "related": ["https://github.com/pytorch/pytorch/issues/68880"]},
    "expect_signature": "_convolution_mode",
    "observed": {
        "torch 2.1.2": "dynamo: not_applicable @13 17 20, pass @18; legacy: pass @13 17 18, not_applicable @20",
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (legacy; reported on torch 2.0.1, "
                              "before export(dynamo=) existed) (7 releases); the stated broken release <=2.0.1 was "
                              "never run; other modes, not counted: convert_error on torch 2.4.1"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    model = torch.nn.Sequential(torch.nn.Conv2d(2, 8, 3, padding="same"), torch.nn.Conv2d(8, 4, 3, padding="same"))
    return model.eval(), seeded((1, 2, 16, 16))
