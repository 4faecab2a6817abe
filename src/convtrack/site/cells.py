"""One page per cell: its axes, the runs whose records are shown, and the resolved environment of each run.

The environment is the `uv pip freeze` the cell recorded beside its records (`<run id>.env.json`): what was
really installed, companions included. Runs of one cell whose freezes differ say so, with the differing lines.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from convtrack.site.common import slug
from convtrack.site.registry import Data, Writer, register_page
from convtrack.store import run_file


def cell_page(converter: str, cell: str) -> str:
    return f"cells/{slug(converter)}-{slug(cell)}.html"


def freeze(reports: Path | None, converter: str, cell: str, run_id: str) -> list[str] | None:
    """The run's installed packages, or None when it left no readable sidecar."""
    if reports is None:
        return None
    path = run_file(reports, converter, cell, run_id).with_suffix(".env.json")
    try:
        value = json.loads(path.read_text(encoding="utf-8")).get("freeze")
    except (OSError, ValueError, AttributeError):
        return None
    return [str(x) for x in value] if isinstance(value, list) else None


def runs(rows: list[dict[str, Any]], reports: Path | None, converter: str, cell: str) -> list[dict[str, Any]]:
    """The runs behind the newest records of a cell, newest first, each with its freeze and what differs."""
    by: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        by.setdefault(str(r.get("run_id")), []).append(r)
    out: list[dict[str, Any]] = []
    for run_id, part in sorted(by.items(), key=lambda kv: max(str(r.get("created")) for r in kv[1]), reverse=True):
        created = [str(r.get("created")) for r in part]
        out.append({"run_id": run_id, "records": len(part), "first": min(created), "last": max(created),
                    "freeze": freeze(reports, converter, cell, run_id)})
    newest: list[str] = next((r["freeze"] for r in out if r["freeze"]), [])
    for r in out:
        mine: list[str] = r["freeze"] or []
        r["differs"] = sorted(set(mine) ^ set(newest)) if mine and newest else []
    return out


@register_page("cells/", order=75)
def _cell_pages(w: Writer, d: Data) -> None:
    by_cell: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in d.rows:  # grouped once, not scanned per cell
        by_cell.setdefault((r["converter"], r["cell"]), []).append(r)
    for c in d.cells:
        info = c["cell"]
        part = by_cell.get((info["converter"], info["cell"]), [])
        w.page("cell.html", cell_page(info["converter"], info["cell"]), cell=info, health=c,
               runs=runs(part, d.reports, info["converter"], info["cell"]))
