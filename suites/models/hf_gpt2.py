"""transformers GPT-2 decoder from a tiny config (2 layers, hidden 64), random weights.

Conv1D projections, causal mask, tied LM head."""

CASE = {
    "converter": "torch.onnx",
    "description": "transformers GPT2LMHeadModel from a 2-layer config, use_cache=False, logits",
    "tags": ["nlp", "decoder", "language-model", "transformers", "gpt2"],
    "requires": ["transformers"],
    "rtol": 1e-3,
    "atol": 1e-4,
    "tolerance_reason": "softmax attention + LayerNorm stack in fp32: reassociation differences reach ~1e-5 absolute",
}


def build():
    import torch
    import transformers

    from convtrack.suite import seeded

    config = transformers.GPT2Config(vocab_size=256, n_positions=64, n_embd=64, n_layer=2, n_head=4)
    model = transformers.GPT2LMHeadModel(config).eval()

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = model

        def forward(self, input_ids):
            return self.inner(input_ids=input_ids, use_cache=False, return_dict=False)[0]

    return Wrapped().eval(), seeded((1, 16), dtype="int64", low=0, high=256)
