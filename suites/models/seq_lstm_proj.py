"""An LSTM with a projection layer (proj_size=8): the hidden state is projected every step (LSTMP)."""

CASE = {
    "converter": "torch.onnx",
    "description": "nn.LSTM(16, 32, proj_size=8, batch_first=True) + Linear; ONNX LSTM has no projection input",
    "tags": ["sequence", "rnn", "lstm"],
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = torch.nn.LSTM(16, 32, proj_size=8, batch_first=True)
            self.head = torch.nn.Linear(8, 4)

        def forward(self, x):
            out, _ = self.lstm(x)
            return self.head(out)

    return Model().eval(), seeded((2, 10, 16))
