"""nn.TransformerDecoder (2 pre-norm layers, GELU) with causal self-attention and cross-attention to a memory input."""

CASE = {
    "converter": "torch.onnx",
    "description": "nn.TransformerDecoder(norm_first=True, activation='gelu', 2 layers, d_model 32), tgt_is_causal",
    "tags": ["sequence", "decoder", "transformer"],
    "atol": 1e-4,
    "tolerance_reason": "softmax + LayerNorm in fp32: ~1e-5 absolute drift is reassociation",
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            layer = torch.nn.TransformerDecoderLayer(d_model=32, nhead=4, dim_feedforward=64, dropout=0.0,
                                                     activation="gelu", batch_first=True, norm_first=True)
            self.inner = torch.nn.TransformerDecoder(layer, num_layers=2)

        def forward(self, tgt, memory):
            mask = torch.nn.Transformer.generate_square_subsequent_mask(tgt.shape[1])
            return self.inner(tgt, memory, tgt_mask=mask, tgt_is_causal=True)

    return Model().eval(), seeded((2, 9, 32), (2, 14, 32))
