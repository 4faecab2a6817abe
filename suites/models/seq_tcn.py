"""A temporal convolutional network: 3 residual blocks of dilated causal Conv1d (dilation 1, 2, 4) with weight norm."""

CASE = {
    "converter": "torch.onnx",
    "description": "TCN (Bai et al. 2018): weight-normed dilated causal Conv1d blocks, left padding + chomp, ReLU",
    "tags": ["sequence", "tcn", "conv1d"],
}


def build():
    import torch

    from convtrack.suite import seeded

    weight_norm = torch.nn.utils.parametrizations.weight_norm

    class Block(torch.nn.Module):
        def __init__(self, cin, cout, dilation):
            super().__init__()
            self.pad = 2 * dilation
            self.conv1 = weight_norm(torch.nn.Conv1d(cin, cout, 3, dilation=dilation, padding=self.pad))
            self.conv2 = weight_norm(torch.nn.Conv1d(cout, cout, 3, dilation=dilation, padding=self.pad))
            self.down = torch.nn.Conv1d(cin, cout, 1) if cin != cout else torch.nn.Identity()

        def forward(self, x):
            y = torch.relu(self.conv1(x)[..., :-self.pad])
            y = torch.relu(self.conv2(y)[..., :-self.pad])
            return torch.relu(y + self.down(x))

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.blocks = torch.nn.Sequential(Block(6, 16, 1), Block(16, 16, 2), Block(16, 16, 4))
            self.head = torch.nn.Linear(16, 4)

        def forward(self, x):
            return self.head(self.blocks(x)[..., -1])

    return Model().eval(), seeded((2, 6, 32))
