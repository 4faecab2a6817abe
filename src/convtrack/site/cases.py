"""Per-case pages: metadata from the case file, a history strip over every cell, opset and mode, the error
or metrics of each failing result, and for each failing converter result its RECORD (record id and
CELL/CASE@OPSET/MODE, what `convtrack repro` and `convtrack reduce` take) and a standalone repro script
(`convtrack repro`'s output: PEP 723 pins, no convtrack), written as a file of its own so pages stay small.

The scripts are generated in Python (never through the HTML autoescaper): record values enter them only as
Python literals or comment text stripped of line breaks, and package pins only when they are NAME==VERSION.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from convtrack import recordref, repro, repro_case, suite
from convtrack.outcomes import Outcome
from convtrack.site.common import (
    HARNESS,
    anchor,
    cell_info,
    detail,
    ordered_cells,
    slug,
)
from convtrack.site.registry import Data, Writer, register_page


def case_meta(suites: Path | None) -> dict[str, dict[str, Any]]:
    """Case id -> metadata of the case file (read with ast by suite.discover); empty when unreadable."""
    if suites is None or not suites.exists():
        return {}
    try:
        cases = suite.discover(suites)
    except (suite.CaseError, OSError):
        return {}
    return {c.id: {**c.meta, "hash": c.hash} for c in cases}


REPRO_DIR = "repro"  # cases/repro/<case>--<record id>.py: one standalone script per failing converter result


def failing(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [r for r in rows if r["outcome"] not in ("pass", "not_applicable")]


def repro_file(case: str, row: dict[str, Any]) -> str | None:
    """The script's path under cases/ for a failing converter result (None for harness outcomes: nothing to
    reproduce)."""
    if row["outcome"] in HARNESS or not row.get("record_id"):
        return None
    return f"{REPRO_DIR}/{slug(case)}--{slug(row['record_id'])}.py"


class Sidecars:
    """The environment sidecar of each record's run, read once per (cell, run, environment lock)."""

    def __init__(self, reports: Path | None) -> None:
        self.reports = reports
        self._seen: dict[tuple[str, ...], dict[str, Any] | None] = {}

    def __call__(self, row: dict[str, Any]) -> dict[str, Any] | None:
        key = tuple(str(row.get(k)) for k in ("converter", "cell", "run_id", "env_lock"))
        if key not in self._seen:
            self._seen[key] = recordref.environment(self.reports, row) if self.reports is not None else None
        return self._seen[key]


def repro_scripts(case: suite.Case | None, rows: list[dict[str, Any]], sidecars: Sidecars) -> dict[str, str]:
    """file (under cases/) -> script text for every failing converter result of one case; none without its case
    file or for a case convtrack repro cannot make standalone (said in the page instead)."""
    out: dict[str, str] = {}
    if case is None:
        return out
    for row in failing(rows):
        name = repro_file(case.id, row)
        if name is None:
            continue
        try:
            out[name] = repro.generate(row, case, sidecars(row))
        except (repro.ReproError, repro_case.StandaloneError, ValueError):
            continue
    return out


def page(case: str, rows: list[dict[str, Any]], meta: dict[str, Any],
         transitions: list[dict[str, Any]], scripts: Collection[str] = ()) -> dict[str, Any]:
    """The template context of one case page."""
    info = cell_info(rows)
    cells = [c for conv in sorted({r["converter"] for r in rows}) for c in ordered_cells(info, conv)]
    index = {(r["cell"], r["mode"], r["opset"]): r for r in rows}
    strip = []
    for mode, opset in sorted({(r["mode"], r["opset"]) for r in rows}):
        squares = []
        for c in cells:
            r = index.get((c["cell"], mode, opset))
            squares.append(None if r is None else {"outcome": r["outcome"], "detail": detail(r),
                                                   "anchor": anchor(c["cell"], mode, opset)})
        strip.append({"mode": mode, "opset": opset, "squares": squares})
    bad = sorted(failing(rows), key=lambda r: ([c["cell"] for c in cells].index(r["cell"]), r["mode"], r["opset"]))
    failures = [{"row": r, "anchor": anchor(r["cell"], r["mode"], r["opset"]), "ref": recordref.ref(r),
                 "repro": (repro_file(case, r) if repro_file(case, r) in scripts else None),
                 "metrics": r["metrics"] if isinstance(r.get("metrics"), dict) else {},
                 "harness": r["outcome"] in HARNESS, "cell": info[(r["converter"], r["cell"])]} for r in bad]
    hashes = sorted({str(r.get("case_hash")) for r in rows})
    stated = meta.get("stated")
    return {"case": case, "meta": meta, "cells": cells, "strip": strip, "failures": failures,
            "passing": sum(1 for r in rows if r["outcome"] == Outcome.PASS), "total": len(rows),
            "kind": rows[0].get("case_kind") or meta.get("kind", ""), "converter": rows[0]["converter"],
            "stated": stated if isinstance(stated, dict) else ({"": stated} if stated else {}),
            "stale_hash": bool(meta.get("hash")) and any(h != meta.get("hash") for h in hashes),
            "scripts": len(scripts), "transitions": transitions}


def suite_cases(suites: Path | None) -> dict[str, suite.Case]:
    """Case id -> Case of the project's suites (generated cases expanded); empty when unreadable."""
    if suites is None or not suites.exists():
        return {}
    try:
        return {c.id: c for c in suite.discover(suites)}
    except (suite.CaseError, OSError):
        return {}


@register_page("cases/", order=30)
def _case_pages(w: Writer, d: Data) -> None:
    """A page per case, and a standalone repro script (convtrack repro) per failing converter result."""
    cases, sidecars = suite_cases(d.suites), Sidecars(d.reports)
    rows: dict[str, list[dict[str, Any]]] = {}
    timeline: dict[str, list[dict[str, Any]]] = {}
    for r in d.rows:  # grouped once: a scan of every row per case was a tenth of a build (audit 2026-11-30)
        rows.setdefault(r["case"], []).append(r)
    for t in d.timeline:
        timeline.setdefault(t["case"], []).append(t)
    for c in d.cases:
        part = rows.get(c["id"], [])
        scripts = repro_scripts(cases.get(c["id"]), part, sidecars)
        for name, text in scripts.items():
            path = w.out / "cases" / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        ctx = page(c["id"], part, d.meta.get(c["id"], {}), timeline.get(c["id"], []), scripts)
        w.page("case.html", c["page"], **ctx)
