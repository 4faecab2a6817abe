"""Seeded random graphs (NNSmith-like) over convtrack.synthetic's operator set: 5-50 ops, float32 and int64 paths.

Each generated case is `synthetic/random_graphs/s<seed>-n<ops>`; the same (seed, ops) always builds the same graph,
and a change to this file or to the generator makes older records of these cases not comparable.
"""

CASE = {
    "converter": "torch.onnx",
    "description": "random valid torch graph from a declared op set (seed, size)",
    "tags": ["synthetic", "random-graph"],
    "generator": {"count": 20, "min_ops": 5, "max_ops": 50, "seed": 0},
}


def build(seed, size):
    from convtrack import synthetic

    return synthetic.build(seed, size, CASE["generator"].get("ops"))
