"""transformers BART encoder-decoder from a small config (2+2 layers, d_model 64), random weights.

Learned positions, cross-attention; decoder last hidden state."""

CASE = {
    "converter": "torch.onnx",
    "description": "transformers BartModel from a 2+2-layer config, 16 source and 8 target tokens",
    "tags": ["nlp", "seq2seq", "transformers", "bart"],
    "requires": ["transformers"],
    "rtol": 1e-3,
    "atol": 1e-4,
    "tolerance_reason": "softmax attention + LayerNorm stack in fp32: reassociation differences reach ~1e-5 absolute",
}


def build():
    import torch
    import transformers

    from convtrack.suite import seeded

    config = transformers.BartConfig(vocab_size=256, d_model=64, encoder_layers=2, decoder_layers=2,
                                      encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=128,
                                      decoder_ffn_dim=128, max_position_embeddings=64)
    model = transformers.BartModel(config).eval()

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = model

        def forward(self, input_ids, decoder_input_ids):
            return self.inner(input_ids=input_ids, decoder_input_ids=decoder_input_ids, use_cache=False,
                              return_dict=False)[0]

    return Wrapped().eval(), seeded((1, 16), (1, 8), dtype="int64", low=0, high=256)
