"""An LSTM over a padded batch packed with pack_padded_sequence (fixed lengths 8, 5, 3) and unpacked again."""

CASE = {
    "converter": "torch.onnx",
    "description": "pack_padded_sequence -> nn.LSTM(12, 20) -> pad_packed_sequence over lengths [8, 5, 3]",
    "tags": ["sequence", "rnn", "lstm"],
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = torch.nn.LSTM(12, 20, batch_first=True)
            self.register_buffer("lengths", torch.tensor([8, 5, 3]), persistent=False)

        def forward(self, x):
            packed = torch.nn.utils.rnn.pack_padded_sequence(x, self.lengths, batch_first=True)
            out, _ = self.lstm(packed)
            padded, _ = torch.nn.utils.rnn.pad_packed_sequence(out, batch_first=True, total_length=8)
            return padded

    return Model().eval(), seeded((3, 8, 12))
