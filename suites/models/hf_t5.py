"""transformers T5 encoder-decoder from a small config (2+2 layers, d_model 64), random weights.

Relative position buckets, RMS-style LayerNorm, no biases; decoder last hidden state."""

CASE = {
    "converter": "torch.onnx",
    "description": "transformers T5Model from a 2+2-layer config, 16 source and 8 target tokens",
    "tags": ["nlp", "seq2seq", "transformers", "t5"],
    "requires": ["transformers"],
    "rtol": 1e-3,
    "atol": 1e-4,
    "tolerance_reason": "softmax attention + LayerNorm stack in fp32: reassociation differences reach ~1e-5 absolute",
}


def build():
    import torch
    import transformers

    from convtrack.suite import seeded

    config = transformers.T5Config(vocab_size=256, d_model=64, d_kv=16, d_ff=128, num_layers=2, num_heads=4,
                                    decoder_start_token_id=0)
    model = transformers.T5Model(config).eval()

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = model

        def forward(self, input_ids, decoder_input_ids):
            return self.inner(input_ids=input_ids, decoder_input_ids=decoder_input_ids, use_cache=False,
                              return_dict=False)[0]

    return Wrapped().eval(), seeded((1, 16), (1, 8), dtype="int64", low=0, high=256)
