"""A 2-layer Elman RNN with ReLU non-linearity (nn.RNN(nonlinearity="relu"))."""

CASE = {
    "converter": "torch.onnx",
    "description": "nn.RNN(8, 16, num_layers=2, nonlinearity='relu', batch_first=True) + Linear",
    "tags": ["sequence", "rnn"],
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.rnn = torch.nn.RNN(8, 16, num_layers=2, nonlinearity="relu", batch_first=True)
            self.head = torch.nn.Linear(16, 3)

        def forward(self, x):
            out, _ = self.rnn(x)
            return self.head(out)

    return Model().eval(), seeded((2, 12, 8))
