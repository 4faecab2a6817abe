"""avg_pool2d with ceil_mode=True and count_include_pad=True: the boundary windows differ from eager."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/183528",
    "description": "F.avg_pool2d(k=3, s=2, p=1, ceil_mode=True, count_include_pad=True) on a 4x4 map",
    "tags": ["silent", "pooling", "ceil_mode"],
    "stated": {"symptom": "wrong-output", "opsets": [18], "exporters": ["legacy"],
               "fixed": "closed; related onnxruntime#16752 (AveragePool-19) and onnx#6650"},
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, mismatch @18; legacy: mismatch @13 17 18, not_applicable "
                        "@20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, mismatch @18; legacy: mismatch @13 17 18 20",
        "torch 2.6.0": "dynamo: mismatch @13 17 18 20; legacy: mismatch @13 17 18 20",
        "torch 2.9.1": "dynamo: mismatch @13 17 18 20; legacy: mismatch @13 17 18 20",
        "torch 2.14.1": "dynamo: mismatch @13 17 18 20; legacy: mismatch @13 17 18 20",
        "torch 2.15.0": "dynamo: mismatch @13 17 18 20; legacy: mismatch @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: mismatch @17 18; legacy: mismatch @17 18",
        "agrees_with_issue": ("yes: mismatch on torch 2.1.2, torch 2.4.1, torch 2.6.0, torch 2.9.1, torch 2.14.1, "
                              "torch 2.15.0, torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0); other modes, not "
                              "counted: mismatch on torch 2.1.2, torch 2.4.1, torch 2.6.0, torch 2.9.1, torch 2.14.1, "
                              "torch 2.15.0, torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)"),
    },
}


def build():
    import torch
    import torch.nn.functional as F

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def forward(self, x):
            return F.avg_pool2d(x, kernel_size=3, stride=2, padding=1, ceil_mode=True, count_include_pad=True)

    return Model(), seeded((1, 1, 4, 4), low=1.0, high=16.0)
