"""Synthetic cases: what a generator case file stands for, the generator's identity, and `build`.

A case file with `CASE["generator"] = {"count": 20, "min_ops": 5, "max_ops": 50, "seed": 0, "ops": [...]}` (ops
optional: all of convtrack.synthetic_graph.OPS) stands for `count` generated cases; `expand` lists their
(seed, size, ops) without torch, and convtrack.suite makes them cases. Inside a cell, a case file's `build(seed,
size)` calls `build` here, which hands the graph to the torch side (convtrack.cell.synthetic_torch).

The generator's identity (`source_hash`) is part of every synthetic case's hash: the sha256 of its source files
(`SOURCES`), so any edit to them makes older records of synthetic cases not comparable, as a case edit does.
This module is not among them: it only names the graphs, the ids and hashes say which.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from convtrack.synthetic_graph import generate

PARAMS = ("count", "min_ops", "max_ops", "seed", "ops")
# The generator's source, relative to the convtrack package, in this order.
SOURCES = ("synthetic_graph.py", "cell/synthetic_torch.py")
# Digests of SOURCES that continue an earlier identity: a change of files that changed no generated model. Until
# 2026-11-30 the generator was synthetic.py + synthetic_torch.py side by side; moving the torch side into
# convtrack.cell and this module's case logic out of the graph code changed their bytes, not one graph or module
# (tests/test_case_hashes.py: every case hash is what it was). Never add an entry for a change that alters a graph.
CONTINUES = {
    # synthetic_graph.py + cell/synthetic_torch.py as moved -> synthetic.py + synthetic_torch.py before the move
    "8472ab8c37a2ea56922baf08bf07a3198176d8d01c99ebb8c6e3f0383109abe6":
        "12c540b97b1c751399968585a59a5f7afd3e425d67e59afcbe7403a1c0ef5110",
    # 2026-12-01: synthetic_graph.py's zip(strict=...) -> plain zip over lengths equal by construction (the cell side
    # runs on Python 3.9 for torch 1.8-1.10); no graph changed
    "fc71655be10352629a4d894f71c23d5568ca6e8a2ddc1cbe8d0166e9789b24fb":
        "12c540b97b1c751399968585a59a5f7afd3e425d67e59afcbe7403a1c0ef5110",
    # 2026-12-01: synthetic_graph.py's Callable from typing instead of collections.abc (subscripted at run time; the
    # cell side runs on Python 3.8 for torch 1.4-1.6); no graph changed. Records written between b900f64 and this
    # entry carry the digest's own hash and are re-run as stale.
    "58dc1db0fff2660bf67f7351f2b73006157202eba4b4ac14d831f54303253810":
        "12c540b97b1c751399968585a59a5f7afd3e425d67e59afcbe7403a1c0ef5110",
}


class ParamError(ValueError):
    """A bad CASE["generator"] value: `key` is the parameter ('' for the table as a whole)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


@dataclasses.dataclass(frozen=True)
class Generated:
    seed: int
    size: int
    ops: list[str]  # the ops its graph contains, sorted


def source_hash() -> str:
    """The generator's identity: sha256 of SOURCES, or the earlier identity that digest continues."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(b"".join((package / name).read_bytes() for name in SOURCES)).hexdigest()
    return CONTINUES.get(digest, digest)


def plan_sizes(count: int, min_ops: int, max_ops: int, base_seed: int = 0) -> list[tuple[int, int]]:
    """(seed, size) of each of `count` cases: seeds base_seed.., sizes drawn reproducibly in [min_ops, max_ops]."""
    if not 1 <= min_ops <= max_ops:
        raise ValueError(f"need 1 <= min_ops <= max_ops, got {min_ops}, {max_ops}")
    return [(s, random.Random(f"convtrack-size:{s}").randint(min_ops, max_ops))
            for s in range(base_seed, base_seed + count)]


def expand(params: Mapping[str, Any]) -> list[Generated]:
    """The graphs a CASE["generator"] table stands for; ParamError names what is wrong with it."""
    unknown = set(params) - set(PARAMS)
    if unknown:
        raise ParamError(sorted(unknown)[0], "unknown")
    ops = params.get("ops")
    try:
        plan = plan_sizes(int(params.get("count", 10)), int(params.get("min_ops", 5)), int(params.get("max_ops", 50)),
                          int(params.get("seed", 0)))
        return [Generated(seed, size, generate(seed, size, ops).ops) for seed, size in plan]
    except ValueError as exc:
        raise ParamError("", str(exc)) from None


def build(seed: int, size: int, ops: Sequence[str] | None = None) -> tuple[Any, list[tuple[Any, ...]]]:
    """The case's (model, inputs) inside a cell: the graph of (seed, size, ops) as a torch module."""
    from convtrack.cell import synthetic_torch  # torch lives in the cell

    return synthetic_torch.build(generate(seed, size, ops))
