"""nn.PixelUnshuffle exported by dynamo as SpaceToDepth (DCR order): channels permuted whenever C > 1."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/186080",
    "description": "nn.PixelUnshuffle(2) on a (1,2,4,4) input",
    "tags": ["silent", "pixel_unshuffle", "layout"],
    "stated": {"symptom": "wrong-output", "exporters": ["dynamo"], "torch": "2026 with a recent onnxscript",
               "legacy": "matches eager", "root_cause": "https://github.com/microsoft/onnxscript/issues/2891"},
    "observed": "",
}


def build():
    import torch

    from convtrack.suite import seeded

    return torch.nn.PixelUnshuffle(2), seeded((1, 2, 4, 4))
