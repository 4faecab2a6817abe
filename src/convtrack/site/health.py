"""Health of the runs and failure signatures.

Health: the newest record per cell and banners for cells whose own harness failed (the environment could not
be built, a case's model failed in the framework, or every task crashed), so a broken run never reads as a
converter result. Signatures: failures grouped by normalised signature, with counts and affected versions.
"""

from __future__ import annotations

from typing import Any

from convtrack import clusters, witness
from convtrack.outcomes import Outcome
from convtrack.site.common import anchor, case_page, cell_info, detail, ordered_cells
from convtrack.site.registry import Data, Writer, register_page


def health(rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(one row per cell, banners) from the newest records."""
    info = cell_info(rows)
    cells: list[dict[str, Any]] = []
    banners: list[dict[str, Any]] = []
    by_cell: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:  # grouped once, not scanned per cell
        by_cell.setdefault((r["converter"], r["cell"]), []).append(r)
    for converter in sorted({r["converter"] for r in rows}):
        for c in ordered_cells(info, converter):
            part = by_cell.get((converter, c["cell"]), [])
            by: dict[str, int] = {}
            for r in part:
                by[r["outcome"]] = by.get(r["outcome"], 0) + 1
            ran = [r for r in part if r["outcome"] != Outcome.NOT_APPLICABLE]
            problems = []
            env = [r for r in part if r["outcome"] == "env_error"]
            if env:
                problems.append({"what": "the cell's environment could not be built or the framework not imported",
                                 "outcome": "env_error", "count": len(env), "example": _example(env[0])})
            build = [r for r in part if r["outcome"] == "build_error"]
            if build:
                problems.append({"what": "case models failed in the framework (a harness problem)",
                                 "outcome": "build_error", "count": len(build), "example": _example(build[0]),
                                 "cases": sorted({r["case"] for r in build})})
            if ran and all(r["outcome"] == "crash" for r in ran):
                problems.append({"what": "every task crashed: the worker itself is broken", "outcome": "crash",
                                 "count": len(ran), "example": _example(ran[0])})
            row = {"cell": c, "newest": max(str(r.get("created")) for r in part),
                   "oldest": min(str(r.get("created")) for r in part),
                   "runs": sorted({str(r.get("run_id")) for r in part}), "records": len(part), "by": by,
                   "problems": problems}
            cells.append(row)
            banners.extend({"converter": converter, "cell": c["cell"], **p} for p in problems)
    return cells, banners


def _example(r: dict[str, Any]) -> str:
    return str(r.get("error") or r.get("signature") or r.get("reason") or "")


def signatures(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Failures (converter results and harness problems) clustered by normalised signature (convtrack.clusters),
    biggest first, with blame and the first and last release seen; rows carry `blame_shown` (witness.annotate)."""
    found = {witness.key_of(r): r["blame_shown"].witness for r in rows
             if r.get("blame_shown") is not None and r["blame_shown"].witness}
    out = []
    for g in clusters.cluster(rows, found):
        first = g.pop("example")
        out.append({**g, "cases": [{"id": c, "href": case_page(c)} for c in g["cases"]],
                    "versions": [r.rsplit(" ", 1)[-1] for r in g["releases"]],
                    "blame_attr": " ".join(g["blame"]), "blame_text": clusters.blame_text(g["blame"]),
                    "example": str(first.get("error") or first.get("signature") or detail(first)),
                    "example_href": case_page(first["case"]) + "#" + anchor(first["cell"], first["mode"],
                                                                              first["opset"])})
    return out


@register_page("signatures.html", nav="Signatures", order=60)
def _signatures_page(w: Writer, d: Data) -> None:
    w.page("signatures.html", "signatures.html", groups=signatures(d.rows))


@register_page("health.html", nav="Health", order=70)
def _health_page(w: Writer, d: Data) -> None:
    w.page("health.html", "health.html", cells=d.cells)
