"""nn.TransformerEncoder (2 layers, d_model 32): attention, LayerNorm, feed-forward."""

CASE = {
    "converter": "torch.onnx",
    "description": "nn.TransformerEncoder, 2 layers, batch_first, 4 heads",
    "tags": ["sequence", "transformer", "encoder"],
    "atol": 1e-4,
    "tolerance_reason": "softmax + LayerNorm in fp32: ~1e-5 absolute drift is reassociation",
}


def build():
    import torch

    from convtrack.suite import seeded

    layer = torch.nn.TransformerEncoderLayer(d_model=32, nhead=4, dim_feedforward=64, dropout=0.0,
                                             batch_first=True)
    model = torch.nn.TransformerEncoder(layer, num_layers=2, enable_nested_tensor=False).eval()
    return model, seeded((2, 12, 32))
