"""The records the findings count: the newest record of every task, as plain dicts, with what each row speaks for.

The findings take the newest record per task as their callers already have it (`latest`: `analysis.latest`, the one
implementation, or the site's rows made from it), so they never pick records themselves. Partial runs (bisect probes,
`--select` runs: `transitions.probe_cells`) are set apart, as every other view does, so a one-case cell never reads
as a release's figure.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from convtrack import analysis, converter_info, transitions
from convtrack.outcomes import Outcome

Row = dict[str, Any]


@dataclasses.dataclass
class Rows:
    """The newest record of every task of full runs, and what was set apart."""

    rows: list[Row]
    everything: list[Row]  # probes included: what `suite observe` judges issue cases on
    probes: list[tuple[str, str]]  # (converter, cell) of partial runs, left out
    probe_rows: int
    newest: str  # the newest record's `created`
    stale: int  # newest records whose case_hash is not the case's current hash (when the suite is known)


def _clean(row: Mapping[str, Any]) -> Row:
    """A copy of a record as the findings read it: pandas' NaN -> None, a typed outcome, mode '-' when the converter
    has none, axes and versions always dicts."""
    out: Row = {k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
    out["outcome"] = Outcome(out["outcome"])
    out["mode"] = out["mode"] if isinstance(out.get("mode"), str) else "-"
    out["opset"] = int(out["opset"])
    for key in ("versions", "axes"):
        out[key] = out[key] if isinstance(out.get(key), dict) else {}
    return out


def latest(df: Any) -> list[Row]:
    """The newest record of every task of a frame of every record (analysis.frame), as dicts."""
    return analysis.latest(df).to_dict("records") if not df.empty else []


def newest(latest: Iterable[Mapping[str, Any]], hashes: dict[str, str] | None = None) -> Rows:
    """The rows the findings count, from the newest record of every task."""
    rows = [_clean(r) for r in latest]
    probes = transitions.probe_cells(rows)
    kept = [r for r in rows if (r["converter"], r["cell"]) not in probes]
    stale = sum(1 for r in kept if hashes is not None and hashes.get(r["case"]) != r.get("case_hash"))
    return Rows(kept, rows, sorted(probes), len(rows) - len(kept), max((str(r["created"]) for r in rows), default=""),
                stale)


def package(row: Row) -> str:
    """The package whose release the converter is (converter_info): tf2onnx for tf2onnx, torch for torch.onnx."""
    return converter_info.describe(row["converter"], str(row.get("framework") or "")).converter_package


def release_axes(row: Row) -> list[str]:
    """The axes of a record that are releases of the converter or its framework (converter_info: torch;
    tensorflow and tf2onnx)."""
    info = converter_info.describe(row["converter"], str(row.get("framework") or ""))
    return [a for a in info.release_axes if a in row["axes"]]


def release_label(row: Row) -> str:
    """'torch 2.9.1', 'tensorflow 2.15.1 + tf2onnx 1.17.0': the release axes' values of a record's cell."""
    return " + ".join(f"{a} {row['axes'][a]}" for a in release_axes(row))


def others(row: Row) -> dict[str, str]:
    """The cell's other axes (onnxruntime, onnx, ...): held equal when releases are compared."""
    keep = set(release_axes(row))
    return {k: str(v) for k, v in sorted(row["axes"].items()) if k not in keep}
