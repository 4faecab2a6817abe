"""A sequence tagger: token Embedding -> bidirectional LSTM -> per-token Linear over int64 token ids."""

CASE = {
    "converter": "torch.onnx",
    "description": "nn.Embedding(200, 32) + bidirectional nn.LSTM(32, 32) + Linear(64, 9) over 20 tokens",
    "tags": ["nlp", "sequence", "tagging", "rnn", "lstm"],
}


def build():
    import torch

    from convtrack.suite import seeded

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.embed = torch.nn.Embedding(200, 32)
            self.lstm = torch.nn.LSTM(32, 32, batch_first=True, bidirectional=True)
            self.head = torch.nn.Linear(64, 9)

        def forward(self, tokens):
            out, _ = self.lstm(self.embed(tokens))
            return self.head(out)

    return Model().eval(), seeded((2, 20), dtype="int64", low=0, high=200)
