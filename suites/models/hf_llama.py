"""transformers Llama decoder from a tiny config (2 layers, hidden 64), random weights.

RMSNorm, rotary embeddings, grouped-query attention, SwiGLU."""

CASE = {
    "converter": "torch.onnx",
    "description": "transformers LlamaForCausalLM from a 2-layer config, use_cache=False, logits",
    "tags": ["nlp", "decoder", "language-model", "transformers", "llama"],
    "requires": ["transformers"],
    "rtol": 1e-3,
    "atol": 1e-4,
    "tolerance_reason": "softmax attention + LayerNorm stack in fp32: reassociation differences reach ~1e-5 absolute",
}


def build():
    import torch
    import transformers

    from convtrack.suite import seeded

    config = transformers.LlamaConfig(vocab_size=256, hidden_size=64, intermediate_size=128, num_hidden_layers=2,
                                       num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=64)
    model = transformers.LlamaForCausalLM(config).eval()

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = model

        def forward(self, input_ids):
            return self.inner(input_ids=input_ids, use_cache=False, return_dict=False)[0]

    return Wrapped().eval(), seeded((1, 16), dtype="int64", low=0, high=256)
