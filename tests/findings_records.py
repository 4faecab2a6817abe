"""Small record sets for the findings tests, written and read back with the real store API (no mocks)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from convtrack import analysis, store, transitions
from convtrack.findings import rows

RUN = "20261125T000000-aaaaaa"
_clock = iter(range(86_400))


def _created() -> str:
    t = next(_clock)
    return f"2026-11-25T{t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d}Z"


_FIELDS = {f.name for f in dataclasses.fields(store.Record)}
Rec = dict[str, Any]


def record(**values: Any) -> Rec:
    """A record as the store writes it; fields the Record class does not know yet (blame) are added as they are."""
    known = {k: v for k, v in values.items() if k in _FIELDS}
    return {**store.Record(**known).to_dict(), **{k: v for k, v in values.items() if k not in _FIELDS}}


def torch(version: str, case: str, outcome: str, *, opset: int = 17, mode: str = "legacy", kind: str = "issue",
          ort: str = "1.20.1", signature: str | None = None, case_hash: str = "h", **extra: Any) -> Rec:
    axes = {"torch": version, "onnxruntime": ort, "onnx": "1.17.0"}
    return record(run_id=RUN, converter="torch.onnx", framework="torch", cell=store.cell_id(axes), axes=axes,
                  case=case, case_kind=kind, case_hash=case_hash, opset=opset, mode=mode,
                  versions={"python": "3.11.7", **axes}, outcome=outcome, signature=signature, created=_created(),
                  **extra)


def tf(tensorflow: str, tf2onnx: str, case: str, outcome: str, *, opset: int = 13, kind: str = "model",
       onnx: str = "1.14.1", **extra: Any) -> Rec:
    axes = {"tensorflow": tensorflow, "tf2onnx": tf2onnx, "onnx": onnx, "onnxruntime": "1.20.1"}
    return record(run_id=RUN, converter="tf2onnx", framework="tensorflow", cell=store.cell_id(axes), axes=axes,
                  case=case, case_kind=kind, case_hash="h", opset=opset, mode=None,
                  versions={"python": "3.11.7", **axes}, outcome=outcome, created=_created(), **extra)


def write(root: Path, records: list[Rec]) -> Path:
    """Each cell's records to its own file under root/reports, as a run writes them; returns the reports folder."""
    reports = root / "reports"
    by_cell: dict[tuple[str, str], list[Rec]] = {}
    for r in records:
        by_cell.setdefault((r["converter"], r["cell"]), []).append(r)
    for (converter, cell), part in by_cell.items():
        store.write_all(store.run_file(reports, converter, cell, RUN), part)
    return reports


def load(reports: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(the newest record of every task, every transition as Transition.to_dict()), as `convtrack findings` reads."""
    df = analysis.load(reports)
    return rows.latest(df), [t.to_dict() for t in transitions.scan(df).transitions]
