"""A two-layer LSTM language-model head: embedding-free, batch-first, random weights."""

CASE = {
    "converter": "torch.onnx",
    "description": "nn.LSTM (2 layers, hidden 32) + Linear over a 10-step sequence",
    "tags": ["sequence", "rnn", "lstm"],
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = torch.nn.LSTM(16, 32, num_layers=2, batch_first=True)
            self.head = torch.nn.Linear(32, 8)

        def forward(self, x):
            out, _ = self.lstm(x)
            return self.head(out)

    return Model().eval(), seeded((2, 10, 16))
