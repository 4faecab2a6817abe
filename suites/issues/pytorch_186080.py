"""nn.PixelUnshuffle exported by dynamo as SpaceToDepth (DCR order): channels permuted whenever C > 1."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/186080",
    "description": "nn.PixelUnshuffle(2) on a (1,2,4,4) input",
    "tags": ["silent", "pixel_unshuffle", "layout"],
    "stated": {"symptom": "wrong-output", "exporters": ["dynamo"], "torch": "2026 with a recent onnxscript",
               "legacy": "matches eager", "root_cause": "https://github.com/microsoft/onnxscript/issues/2891"},
    "observed": {
        "torch 2.1.2": "dynamo: not_applicable @13 17 20, mismatch @18; legacy: pass @13 17 18, not_applicable @20",
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, mismatch @18; legacy: pass @13 17 18 20",
        "torch 2.6.0": "dynamo: mismatch @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: pass @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: pass @17 18",
        "agrees_with_issue": ("yes: mismatch on torch 2.1.2, torch 2.4.1, torch 2.6.0 (4 of 7 releases pass in some "
                              "mode/opset)"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Wrapped(torch.nn.Module):  # torch 2.1-2.4 dynamo_export cannot trace a bare torch.nn leaf module
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *args):
            return self.inner(*args)

    return Wrapped(torch.nn.PixelUnshuffle(2)).eval(), seeded((1, 2, 4, 4))
