"""Operator and operator-sequence coverage: which ONNX ops and op n-grams the suite's converted models contain.

Counts come from the `model` field of records (`ops`: the node histogram, `sequences`: data-flow bigrams and
trigrams); each count is the number of distinct cases whose newest records contain the op or sequence. The ops a
target opset defines come from data/onnx_ops.json (generated from onnx by scripts/onnx_ops.py), so the host side
needs no onnx.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections import Counter
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

DEFAULT_DOMAIN = "ai.onnx"


@functools.cache
def onnx_table() -> dict[str, Any]:
    """The committed table: {"onnx": version, "max_opset": N, "ops": {name: {"since": [...], "deprecated": v}}}."""
    text = resources.files("convtrack").joinpath("data/onnx_ops.json").read_text(encoding="utf-8")
    return dict(json.loads(text))


def opset_ops(opset: int, table: Mapping[str, Any] | None = None) -> list[str]:
    """Default-domain ops defined at `opset`: introduced at or before it and not deprecated by then."""
    table = table or onnx_table()
    return sorted(name for name, op in table["ops"].items()
                  if min(op["since"]) <= opset and not (op.get("deprecated") and op["deprecated"] <= opset))


@dataclasses.dataclass
class Coverage:
    converter: str
    opset: int
    records: int  # newest records considered
    cases: list[str]  # cases with at least one converted model
    ops: dict[str, int]  # op -> number of cases
    sequences: dict[str, dict[str, int]]  # "2"/"3" -> n-gram -> number of cases
    defined: list[str]  # default-domain ops of the target opset
    onnx: str = ""

    @property
    def reached(self) -> list[str]:
        return sorted(set(self.defined) & set(self.ops))

    @property
    def unreached(self) -> list[str]:
        return sorted(set(self.defined) - set(self.ops))

    @property
    def outside(self) -> list[str]:
        """Ops seen that the target opset does not define: other domains (`domain::Op`) or other opsets."""
        return sorted(set(self.ops) - set(self.defined))

    def to_dict(self) -> dict[str, Any]:
        return {
            "converter": self.converter, "opset": self.opset, "onnx_schemas": self.onnx, "records": self.records,
            "cases": len(self.cases), "defined": len(self.defined), "reached": len(self.reached),
            "ops": self.ops, "sequences": self.sequences, "unreached": self.unreached, "outside": self.outside,
        }


def _by_count(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda kv: (-kv[1], kv[0])))


def compute(records: Iterable[Mapping[str, Any]], converter: str, opset: int,
            table: Mapping[str, Any] | None = None) -> Coverage:
    """Coverage of one converter from records (the newest per task, see analysis.latest) against `opset`."""
    table = table or onnx_table()
    ops: dict[str, set[str]] = {}
    seqs: dict[str, dict[str, set[str]]] = {"2": {}, "3": {}}
    cases: set[str] = set()
    count = 0
    for rec in records:
        if rec.get("converter") != converter:
            continue
        count += 1
        model = rec.get("model")
        if not isinstance(model, Mapping) or not model.get("ops"):
            continue
        case = str(rec["case"])
        cases.add(case)
        for op in model["ops"]:
            ops.setdefault(op, set()).add(case)
        for n, grams in (model.get("sequences") or {}).items():
            for gram in grams:
                seqs.setdefault(str(n), {}).setdefault(gram, set()).add(case)
    return Coverage(
        converter=converter, opset=opset, records=count, cases=sorted(cases),
        ops=_by_count(Counter({op: len(c) for op, c in ops.items()})),
        sequences={n: _by_count(Counter({g: len(c) for g, c in grams.items()})) for n, grams in seqs.items()},
        defined=opset_ops(opset, table), onnx=str(table.get("onnx", "")),
    )


def from_frame(df: pd.DataFrame, converter: str | None = None, opset: int | None = None,
               mode: str | None = None) -> list[Coverage]:
    """Coverage per converter from an analysis frame: newest record per task, optionally one opset or mode.

    Without `opset`, every opset's records count and the target is the highest opset the records requested.
    """
    from convtrack import analysis

    df = analysis.latest(df)
    if converter:
        df = df[df["converter"] == converter]
    if opset is not None:
        df = df[df["opset"] == opset]
    if mode is not None:
        df = df[df["mode"] == mode]
    out = []
    for conv in sorted(df["converter"].unique()) if not df.empty else []:
        part = df[df["converter"] == conv]
        target = opset if opset is not None else int(part["opset"].max())
        out.append(compute(part.to_dict("records"), conv, target))
    return out


def render(cov: Coverage, top: int = 15) -> str:
    """The terminal text of one converter's coverage."""
    def listing(counts: Mapping[str, int], limit: int | None) -> str:
        items = list(counts.items())[:limit]
        more = f" ... (+{len(counts) - len(items)})" if len(items) < len(counts) else ""
        return ", ".join(f"{k} {v}" for k, v in items) + more

    share = f"{len(cov.reached) / len(cov.defined):.0%}" if cov.defined else "-"
    lines = [
        f"== {cov.converter}: opset {cov.opset} (onnx {cov.onnx} schemas) ==",
        f"{len(cov.cases)} cases with a converted model in {cov.records} newest records; "
        f"{len(cov.reached)} of {len(cov.defined)} ops of opset {cov.opset} reached ({share})",
        f"ops (cases): {listing(cov.ops, None)}",
    ]
    for n, name in (("2", "bigrams"), ("3", "trigrams")):
        grams = cov.sequences.get(n, {})
        lines.append(f"{name} ({len(grams)} distinct, top {min(top, len(grams))}): {listing(grams, top)}")
    if cov.outside:
        lines.append(f"outside opset {cov.opset} / other domains ({len(cov.outside)}): {', '.join(cov.outside)}")
    lines.append(f"unreached ({len(cov.unreached)}): {', '.join(cov.unreached)}")
    return "\n".join(lines)
