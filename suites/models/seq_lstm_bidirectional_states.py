"""A 2-layer bidirectional LSTM that takes its initial hidden and cell states as inputs and returns the final ones."""

CASE = {
    "converter": "torch.onnx",
    "description": "nn.LSTM(16, 24, num_layers=2, bidirectional=True) with explicit (h0, c0) in and (out, hn, cn) out",
    "tags": ["sequence", "rnn", "lstm"],
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = torch.nn.LSTM(16, 24, num_layers=2, batch_first=True, bidirectional=True)

        def forward(self, x, h0, c0):
            out, (hn, cn) = self.lstm(x, (h0, c0))
            return out, hn, cn

    return Model().eval(), seeded((2, 10, 16), (4, 2, 24), (4, 2, 24))
