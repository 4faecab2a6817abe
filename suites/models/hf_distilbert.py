"""transformers DistilBERT encoder from a small config (2 layers, hidden 64), random weights.

No token types, GELU FFN."""

CASE = {
    "converter": "torch.onnx",
    "description": "transformers DistilBertModel from a 2-layer config, first output",
    "tags": ["nlp", "encoder", "transformers", "distilbert"],
    "requires": ["transformers"],
    "rtol": 1e-3,
    "atol": 1e-4,
    "tolerance_reason": "softmax attention + LayerNorm stack in fp32: reassociation differences reach ~1e-5 absolute",
}


def build():
    import torch
    import transformers

    from convtrack.suite import seeded

    config = transformers.DistilBertConfig(vocab_size=256, dim=64, n_layers=2, n_heads=4, hidden_dim=128,
                                            max_position_embeddings=64)
    model = transformers.DistilBertModel(config).eval()

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = model

        def forward(self, input_ids):
            return self.inner(input_ids=input_ids, return_dict=False)[0]

    return Wrapped().eval(), seeded((1, 16), dtype="int64", low=0, high=256)
