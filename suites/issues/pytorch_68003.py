"""index_select with a buffer index followed by AdaptiveMaxPool2d: wrong output shape reported on 1.10."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/68003",
    "description": "index_select(x, 1, buffer [2,1,0]) then AdaptiveMaxPool2d((4,4)), exported under no_grad",
    "tags": ["silent", "shape", "index_select"],
    "stated": {"symptom": "wrong-shape", "torch": "1.10.0", "note": "1.9 gave the expected shape"},
    "paper": {"symptom": "Wrong Model", "cause": "Shape Problem", "location": "Node Conversion"},
    "export_no_grad": True,
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @13 17 18, not_applicable "
                        "@20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, convert_error @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: convert_error @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: convert_error @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("no: passes on every release run in the issue's mode (legacy; reported on torch 1.10.0, "
                              "before export(dynamo=) existed) (7 releases); other modes, not counted: convert_error "
                              "on torch 2.1.2, torch 2.4.1, torch 2.6.0, torch 2.9.1"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.register_buffer("channel_order", torch.tensor([2, 1, 0]))
            self.pool = torch.nn.AdaptiveMaxPool2d((4, 4))

        def forward(self, x):
            x1 = torch.index_select(x, 1, self.channel_order)
            return x1, self.pool(x1)

    return Model().eval(), seeded((2, 3, 16, 16))
