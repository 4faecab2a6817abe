"""A GRUCell unrolled over 8 steps in Python (a traced loop), hidden state fed back each step."""

CASE = {
    "converter": "torch.onnx",
    "description": "nn.GRUCell(10, 20) applied step by step over 8 time steps, outputs stacked",
    "tags": ["sequence", "rnn", "gru"],
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.cell = torch.nn.GRUCell(10, 20)

        def forward(self, x):
            h = torch.zeros(x.shape[0], 20)
            outs = []
            for t in range(x.shape[1]):
                h = self.cell(x[:, t], h)
                outs.append(h)
            return torch.stack(outs, dim=1)

    return Model().eval(), seeded((2, 8, 10))
