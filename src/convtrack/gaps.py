"""Adjacent versions of an axis that no two cells compare.

`transitions.scan` compares two versions of an axis only between cells whose other axes are equal. When every cell
at one version differs from every cell at the next in another axis too (TF 2.19.1 runs only with onnx 1.14.1,
TF 2.20.0 only with onnx 1.17.0), the step is in no comparison and the scan says nothing about it; silence there
means "not measured", never "no change". `find` names each such step with the closest pair of cells and the axes
that moved besides, so `convtrack changes` and the findings can say so and a bridging cell can be added.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from convtrack.analysis import version_key
from convtrack.outcomes import Outcome


@dataclasses.dataclass(frozen=True)
class Gap:
    converter: str
    axis: str
    before: str
    after: str  # adjacent versions on the axis (PEP 440 order)
    before_cell: str  # the closest pair of cells across the step: the fewest other axes differ
    after_cell: str
    moved: dict[str, list[str]]  # those other axes: axis -> [before, after]

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def describe(self) -> str:
        also = ", ".join(f"{k} {b} -> {a}" for k, (b, a) in self.moved.items())
        return f"{self.converter} {self.axis} {self.before} -> {self.after} (with {also})"


def cells_of(rows: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], dict[str, str]]:
    """(converter, cell) -> its axes, for the cells with a converter result (harness-only cells compare nothing)."""
    out: dict[tuple[str, str], dict[str, str]] = {}
    for r in rows:
        key = (str(r["converter"]), str(r["cell"]))
        if key in out or not Outcome(r["outcome"]).is_converter_result:
            continue
        axes = r.get("axes")
        out[key] = {str(k): str(v) for k, v in axes.items() if v} if isinstance(axes, dict) else {}
    return out


def _moved(before: Mapping[str, str], after: Mapping[str, str], axis: str) -> dict[str, list[str]]:
    names = sorted((set(before) | set(after)) - {axis})
    return {k: [before.get(k, ""), after.get(k, "")] for k in names if before.get(k) != after.get(k)}


def _step(converter: str, axis: str, lo: list[tuple[str, dict[str, str]]],
          hi: list[tuple[str, dict[str, str]]]) -> Gap | None:
    """The gap between two versions' cells, None when some pair of them holds every other axis equal."""
    best: tuple[int, str, str, dict[str, list[str]]] | None = None
    for b_cell, b_axes in lo:
        for a_cell, a_axes in hi:
            moved = _moved(b_axes, a_axes, axis)
            if not moved:
                return None
            if best is None or (len(moved), b_cell, a_cell) < best[:3]:
                best = (len(moved), b_cell, a_cell, moved)
    assert best is not None  # both sides have cells
    return Gap(converter, axis, lo[0][1][axis], hi[0][1][axis], best[1], best[2], best[3])


def find(cells: Mapping[tuple[str, str], Mapping[str, str]]) -> list[Gap]:
    """Every adjacent step of every axis, per converter, that no pair of `cells` ((converter, cell) -> axes)
    compares with the other axes held equal."""
    by_converter: dict[str, list[tuple[str, dict[str, str]]]] = defaultdict(list)
    for (converter, cell), axes in sorted(cells.items()):
        by_converter[converter].append((cell, dict(axes)))
    gaps: list[Gap] = []
    for converter, members in sorted(by_converter.items()):
        for axis in sorted({a for _, axes in members for a in axes}):
            at: dict[str, list[tuple[str, dict[str, str]]]] = defaultdict(list)
            for cell, axes in members:
                if axis in axes:
                    at[axes[axis]].append((cell, axes))
            ordered = sorted(at, key=version_key)
            for before, after in zip(ordered, ordered[1:], strict=False):
                gap = _step(converter, axis, at[before], at[after])
                if gap is not None:
                    gaps.append(gap)
    return gaps
