"""A Wav2Letter-style 1-D convolutional acoustic model over 20 mel bins: Conv1d + BatchNorm1d + GELU, log-softmax."""

CASE = {
    "converter": "torch.onnx",
    "description": "Conv1d stack (strided, depthwise, pointwise) with BatchNorm1d and GELU, log_softmax (29 symbols)",
    "tags": ["speech", "audio", "sequence", "conv1d"],
}


def build():
    import torch

    from convtrack.suite import seeded

    model = torch.nn.Sequential(
        torch.nn.Conv1d(20, 48, 11, stride=2, padding=5), torch.nn.BatchNorm1d(48), torch.nn.GELU(),
        torch.nn.Conv1d(48, 48, 7, padding=3, groups=48), torch.nn.Conv1d(48, 64, 1), torch.nn.BatchNorm1d(64),
        torch.nn.GELU(),
        torch.nn.Conv1d(64, 64, 5, padding=4, dilation=2), torch.nn.BatchNorm1d(64), torch.nn.GELU(),
        torch.nn.Conv1d(64, 29, 1), torch.nn.LogSoftmax(dim=1),
    )
    # Non-trivial BatchNorm statistics, so eval-mode normalisation is not the identity.
    for m in model:
        if isinstance(m, torch.nn.BatchNorm1d):
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.5, 1.5)
    return model.eval(), seeded((1, 20, 32))
