"""The seeded graph generator: the same (seed, size, ops) gives the same graph, within its size and op limits."""

from __future__ import annotations

import pytest

from convtrack import synthetic_graph


def test_same_seed_and_size_give_the_same_graph_text() -> None:
    for seed, size in [(0, 5), (7, 23), (123, 50)]:
        assert synthetic_graph.generate(seed, size).text() == synthetic_graph.generate(seed, size).text()


def test_different_seeds_or_sizes_give_different_graphs() -> None:
    texts = {synthetic_graph.generate(seed, 20).text().split("\n", 1)[1] for seed in range(20)}
    assert len(texts) == 20
    assert synthetic_graph.generate(3, 20).text() != synthetic_graph.generate(3, 21).text()


@pytest.mark.parametrize("size", [5, 17, 50])
def test_op_count_is_the_size_and_shapes_stay_small(size: int) -> None:
    for seed in range(30):
        g = synthetic_graph.generate(seed, size)
        assert len(g.nodes) == size
        assert g.outputs and all(synthetic_graph._numel(v.shape) <= synthetic_graph.MAX_ELEMENTS for v in g.values)
        used = {a for n in g.nodes for a in n.args}
        assert all(i in used for i in range(len(g.inputs)))  # no input is dropped by an exporter


def test_only_declared_ops_are_used() -> None:
    declared = ["relu", "add", "transpose", "sum", "linear"]
    for seed in range(30):
        g = synthetic_graph.generate(seed, 25, declared)
        assert set(g.ops) <= set(declared)
        floats = synthetic_graph.generate(seed, 25, ["relu", "linear", "softmax", "conv2d"])
        assert all(v.dtype == synthetic_graph.F32 for v in floats.values)  # no integer op declared: no int64 input
    with pytest.raises(ValueError, match="unknown synthetic ops"):
        synthetic_graph.generate(0, 5, ["relu", "teleport"])


def test_every_op_is_reachable() -> None:
    seen = {op for seed in range(300) for op in synthetic_graph.generate(seed, 40).ops}
    assert seen == set(synthetic_graph.OPS)
