"""AvgPool2d(divisor_override=3): 'Unsupported: ONNX export of operator avg_pool2d, divisor_override'."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/105349",
    "description": "nn.AvgPool2d(kernel_size=5, stride=2, padding=1, divisor_override=3) on (1,3,8,8)",
    "tags": ["silent", "pooling", "unsupported"],
    "stated": {"symptom": "export-crash", "torch": "1.9.1 and 2.0.1", "exporters": ["legacy"],
               "note": "torch-mlir lists AvgPool2dDivisorOverrideModule under incorrect numerics on its ONNX path"},
    "expect_signature": "divisor_override",
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, mismatch @18; legacy: mismatch @13 17 18, not_applicable "
                        "@20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, mismatch @18; legacy: mismatch @13 17 18 20",
        "torch 2.6.0": "dynamo: mismatch @13 17 18 20; legacy: mismatch @13 17 18 20",
        "torch 2.9.1": "dynamo: mismatch @13 17 18 20; legacy: mismatch @13 17 18 20",
        "torch 2.14.1": "dynamo: mismatch @13 17 18 20; legacy: mismatch @13 17 18 20",
        "torch 2.15.0": "dynamo: mismatch @13 17 18 20; legacy: mismatch @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: mismatch @17 18; legacy: mismatch @17 18",
        "agrees_with_issue": ("partly: the issue states 'export-crash'; our runs show mismatch on torch 2.1.2, torch "
                              "2.4.1, torch 2.6.0, torch 2.9.1, torch 2.14.1, torch 2.15.0, torch 2.15.0 "
                              "(torch2.15.0-ort1.23.2-onnx1.17.0); other modes, not counted: mismatch on torch 2.1.2, "
                              "torch 2.4.1, torch 2.6.0, torch 2.9.1, torch 2.14.1, torch 2.15.0, torch 2.15.0 "
                              "(torch2.15.0-ort1.23.2-onnx1.17.0)"),
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

    pool = torch.nn.AvgPool2d(kernel_size=5, stride=2, padding=1, divisor_override=3)
    return Wrapped(pool).eval(), seeded((1, 3, 8, 8))
