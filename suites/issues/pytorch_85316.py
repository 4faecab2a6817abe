"""x * LeakyReLU(x) on a float64 0-d input: the exporter inserts a Cast to float32."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/85316",
    "description": "x * nn.LeakyReLU(0.1)(x) with a 0-d float64 x",
    "tags": ["silent", "dtype", "float64", "scalar"],
    "stated": {"symptom": "wrong-dtype", "torch": "1.12/1.13-era", "opsets": [14], "fixed": "open in the stored text"},
    "paper": {"symptom": "Wrong Model", "cause": "Type Problem", "location": "Node Conversion"},
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, pass @18; legacy: load_error @13, wrong_shape @17 18, "
                        "not_applicable @20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: load_error @13 20, wrong_shape @17 18",
        "torch 2.6.0": "dynamo: pass @13 17 18, load_error @20; legacy: load_error @13 20, wrong_shape @17 18",
        "torch 2.9.1": "dynamo: pass @13 17 18, load_error @20; legacy: load_error @13 20, wrong_shape @17 18",
        "torch 2.14.1": "dynamo: pass @13 17 18, load_error @20; legacy: load_error @13 20, wrong_shape @17 18",
        "torch 2.15.0": "dynamo: pass @13 17 18, load_error @20; legacy: load_error @13 20, wrong_shape @17 18",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: wrong_shape @17 18",
        "agrees_with_issue": ("yes: wrong_shape on torch 2.1.2, torch 2.4.1, torch 2.6.0, torch 2.9.1, torch 2.14.1, "
                              "torch 2.15.0, torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0); other modes, not "
                              "counted: load_error on torch 2.6.0, torch 2.9.1, torch 2.14.1, torch 2.15.0"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.m = torch.nn.LeakyReLU(negative_slope=0.1)

        def forward(self, x):
            return x * self.m(x)

    return Model(), seeded((), dtype="float64")
