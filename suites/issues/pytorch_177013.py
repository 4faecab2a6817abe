"""TransformerEncoderLayer in eval under no_grad takes the fast path: _transformer_encoder_layer_fwd unsupported."""

CASE = {
    "converter": "torch.onnx",
    "issue": "https://github.com/pytorch/pytorch/issues/177013",
    "description": "TransformerEncoderLayer(64, 4, 128, norm_first, batch_first).eval(), exported under no_grad",
    "tags": ["transformer", "fastpath", "unsupported"],
    "stated": {"symptom": "export-crash", "exporters": ["legacy"], "opsets": [17],
               "workaround": "torch.backends.mha.set_fastpath_enabled(False); dynamo=True works",
               "related": ["https://github.com/pytorch/pytorch/issues/94434",
                           "https://github.com/pytorch/pytorch/issues/144242"]},
    "export_no_grad": True,
    "expect_signature": "_transformer_encoder_layer_fwd",
    "observed": {
        "torch 2.1.2": ("dynamo: not_applicable @13 17 20, convert_error @18; legacy: convert_error @13 17 18, "
                        "not_applicable @20"),
        "torch 2.4.1": "dynamo: not_applicable @13 17 20, pass @18; legacy: convert_error @13 17 18 20",
        "torch 2.6.0": "dynamo: pass @13 17 18 20; legacy: convert_error @13 17 18 20",
        "torch 2.9.1": "dynamo: pass @13 17 18 20; legacy: convert_error @13 17 18 20",
        "torch 2.14.1": "dynamo: pass @13 17 18 20; legacy: convert_error @13 17 18 20",
        "torch 2.15.0": "dynamo: pass @13 17 18 20; legacy: convert_error @13 17 18 20",
        "torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0)": "dynamo: pass @17 18; legacy: convert_error @17 18",
        "agrees_with_issue": ("yes: convert_error on torch 2.1.2, torch 2.4.1, torch 2.6.0, torch 2.9.1, torch 2.14.1,"
                              " torch 2.15.0, torch 2.15.0 (torch2.15.0-ort1.23.2-onnx1.17.0); other modes, not "
                              "counted: convert_error on torch 2.1.2"),
    },
}


def build():
    import torch

    from convtrack.suite import seeded

    layer = torch.nn.TransformerEncoderLayer(d_model=64, nhead=4, dim_feedforward=128, norm_first=True,
                                             batch_first=True)
    class Wrapped(torch.nn.Module):  # torch 2.1-2.4 dynamo_export cannot trace a bare torch.nn leaf module
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *args):
            return self.inner(*args)

    return Wrapped(layer).eval(), seeded((4, 10, 64))
