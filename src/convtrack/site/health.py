"""Health of the runs and failure signatures.

Health: the newest record per cell and banners for cells whose own harness failed (the environment could not
be built, a case's model failed in the framework, or every task crashed), so a broken run never reads as a
converter result. Signatures: failures grouped by normalised signature, with counts and affected versions.
"""

from __future__ import annotations

from typing import Any

from convtrack import analysis
from convtrack.outcomes import Outcome, signature_key
from convtrack.site.common import HARNESS, anchor, case_page, cell_info, ordered_cells
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
    """Failures (converter results and harness problems) grouped by (converter, signature), biggest first."""
    info = cell_info(rows)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        if Outcome(r["outcome"]) in (Outcome.PASS, Outcome.NOT_APPLICABLE):
            continue
        # one group per failure as transitions compare them: signatures stored by older normalisers join today's
        sig = r.get("signature") if isinstance(r.get("signature"), str) and r.get("signature") else None
        groups.setdefault((r["converter"], signature_key(sig) if sig else f"({r['outcome']}, no signature)"),
                          []).append(r)
    out = []
    for (converter, key), part in groups.items():
        stored = next((r["signature"] for r in part if r.get("signature")), None)
        sig = stored or key  # shown as recorded: the newest normaliser's key is for grouping
        versions = sorted({info[(converter, r["cell"])]["framework_version"] for r in part}, key=analysis.version_key)
        first = part[0]
        out.append({
            "converter": converter, "signature": sig, "count": len(part),
            "outcomes": sorted({r["outcome"] for r in part}),
            "harness": all(r["outcome"] in HARNESS for r in part),
            "versions": versions, "cells": sorted({r["cell"] for r in part}),
            "modes": sorted({r["mode"] for r in part}), "opsets": sorted({r["opset"] for r in part}),
            "cases": [{"id": c, "href": case_page(c)} for c in sorted({r["case"] for r in part})],
            "example": str(first.get("error") or first.get("signature") or ""),
            "example_href": f"{case_page(first['case'])}#{anchor(first['cell'], first['mode'], first['opset'])}",
        })
    return sorted(out, key=lambda g: (g["harness"], -g["count"], g["converter"], g["signature"]))


@register_page("signatures.html", nav="Signatures", order=60)
def _signatures_page(w: Writer, d: Data) -> None:
    w.page("signatures.html", "signatures.html", groups=signatures(d.rows))


@register_page("health.html", nav="Health", order=70)
def _health_page(w: Writer, d: Data) -> None:
    w.page("health.html", "health.html", cells=d.cells)
