"""A bidirectional GRU sequence classifier."""

CASE = {
    "converter": "torch.onnx",
    "description": "bidirectional nn.GRU (hidden 24) + mean pooling + Linear",
    "tags": ["sequence", "rnn", "gru"],
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.gru = torch.nn.GRU(12, 24, batch_first=True, bidirectional=True)
            self.head = torch.nn.Linear(48, 5)

        def forward(self, x):
            out, _ = self.gru(x)
            return self.head(out.mean(dim=1))

    return Model().eval(), seeded((3, 9, 12))
