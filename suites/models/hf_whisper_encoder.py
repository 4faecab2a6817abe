"""transformers Whisper encoder from a tiny config (2 layers, d_model 32, 16 mel bins, 32 frames), random weights.

Two Conv1d layers (the second strided), GELU, sinusoidal positions, pre-LayerNorm transformer encoder.
"""

CASE = {
    "converter": "torch.onnx",
    "description": "transformers WhisperModel(tiny config).encoder over (1, 16 mel, 32 frames), last hidden state",
    "tags": ["speech", "audio", "encoder", "transformers", "whisper"],
    "requires": ["transformers"],
    "rtol": 1e-3,
    "atol": 1e-4,
    "tolerance_reason": "softmax attention + LayerNorm stack in fp32: reassociation differences reach ~1e-5 absolute",
}


def build():
    import torch
    import transformers

    from convtrack.suite import seeded

    config = transformers.WhisperConfig(vocab_size=256, num_mel_bins=16, d_model=32, encoder_layers=2,
                                        encoder_attention_heads=4, encoder_ffn_dim=64, decoder_layers=1,
                                        decoder_attention_heads=4, decoder_ffn_dim=64, max_source_positions=16,
                                        max_target_positions=16, pad_token_id=0, bos_token_id=1, eos_token_id=2,
                                        decoder_start_token_id=3)
    encoder = transformers.WhisperModel(config).get_encoder().eval()

    class Wrapped(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = encoder

        def forward(self, input_features):
            return self.inner(input_features=input_features, return_dict=False)[0]

    return Wrapped().eval(), seeded((1, 16, 32))
