"""nn.Transformer encoder-decoder (2+2 layers, d_model 32) with a causal target mask built in forward."""

CASE = {
    "converter": "torch.onnx",
    "description": "nn.Transformer(d_model=32, nhead=4, 2 encoder + 2 decoder layers, ffn 64), causal tgt_mask",
    "tags": ["sequence", "seq2seq", "transformer"],
    "atol": 1e-4,
    "tolerance_reason": "softmax + LayerNorm in fp32 over 4 attention stacks: ~1e-5 absolute drift is reassociation",
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = torch.nn.Transformer(d_model=32, nhead=4, num_encoder_layers=2, num_decoder_layers=2,
                                              dim_feedforward=64, dropout=0.0, batch_first=True)

        def forward(self, src, tgt):
            mask = torch.nn.Transformer.generate_square_subsequent_mask(tgt.shape[1])
            return self.inner(src, tgt, tgt_mask=mask)

    return Model().eval(), seeded((2, 12, 32), (2, 7, 32))
