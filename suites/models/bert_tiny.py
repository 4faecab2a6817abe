"""transformers BERT encoder from a small config (2 layers, hidden 64), random weights."""

CASE = {
    "converter": "torch.onnx",
    "description": "transformers BertModel from a 2-layer config",
    "tags": ["nlp", "encoder", "transformers", "bert"],
    "requires": ["transformers"],
    "rtol": 1e-3,
    "atol": 1e-4,
    "tolerance_reason": "LayerNorm over 64 features after softmax attention: fp32 reassociation reaches ~3e-5",
}


def build():
    import torch
    import transformers

    from convtrack.suite import seeded

    config = transformers.BertConfig(vocab_size=512, hidden_size=64, num_hidden_layers=2, num_attention_heads=4,
                                     intermediate_size=128, max_position_embeddings=64)
    model = transformers.BertModel(config).eval()

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = model

        def forward(self, input_ids):
            return self.inner(input_ids=input_ids, return_dict=False)[0]

    return Wrapped().eval(), seeded((1, 16), dtype="int64", low=0, high=512)
