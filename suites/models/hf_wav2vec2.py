"""transformers Wav2Vec2 from a tiny config (3-layer conv feature encoder, 2 transformer layers, hidden 32).

Raw 1280-sample waveform, random weights: strided Conv1d + GroupNorm feature extractor, grouped positional
convolution (weight-normed), transformer encoder.
"""

CASE = {
    "converter": "torch.onnx",
    "description": "transformers Wav2Vec2Model from a tiny config over a 1280-sample waveform, last hidden state",
    "tags": ["speech", "audio", "encoder", "transformers", "wav2vec2"],
    "requires": ["transformers"],
    "rtol": 1e-3,
    "atol": 1e-4,
    "tolerance_reason": "GroupNorm + softmax attention + LayerNorm in fp32: reassociation differences reach ~1e-5",
}


def build():
    import torch
    import transformers

    from convtrack.suite import seeded

    config = transformers.Wav2Vec2Config(hidden_size=32, num_hidden_layers=2, num_attention_heads=4,
                                         intermediate_size=64, conv_dim=(16, 16, 16), conv_stride=(5, 2, 2),
                                         conv_kernel=(10, 3, 3), num_conv_pos_embeddings=8,
                                         num_conv_pos_embedding_groups=4, vocab_size=32)
    model = transformers.Wav2Vec2Model(config).eval()

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = model

        def forward(self, input_values):
            return self.inner(input_values=input_values, return_dict=False)[0]

    return Wrapped().eval(), seeded((1, 1280))
