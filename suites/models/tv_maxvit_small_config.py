"""torchvision MaxVit built small (2 stages, 64x64, partition 4), random weights: block and grid attention + MBConv."""

CASE = {
    "converter": "torch.onnx",
    "description": "torchvision MaxVit(input 64, stem 32, blocks [32, 64] x 1, head_dim 16, partition 4)",
    "tags": ["vision", "classification", "torchvision", "maxvit"],
    "requires": ["torchvision"],
}


def build():
    from torchvision.models.maxvit import MaxVit

    from convtrack.suite import seeded

    model = MaxVit(input_size=(64, 64), stem_channels=32, partition_size=4, block_channels=[32, 64],
                   block_layers=[1, 1], head_dim=16, stochastic_depth_prob=0.0, num_classes=10).eval()
    return model, seeded((1, 3, 64, 64))
