"""The case x result view, one page per cell (detail/*.html) and an overview linking them (detail.html).

One page for every result made the page grow with the records: at 100,000 distinct results it was 3.3 MB and
took 1.9 s to lay out in Chromium (benchmarks/README.md, section 5). A cell is one row of the matrix, and its page
holds at most cases x modes x opsets squares whatever the number of records. Each page's texts (the errors and
error metrics) sit in a script of their own (data/details/*.js), loaded on the first click: a script, not JSON,
because fetch() of a file:// URL is blocked and the site must work opened from disk.
"""

from __future__ import annotations

import json
from typing import Any

from convtrack.site.cells import cell_page
from convtrack.site.common import cell_info, counts, detail, ordered_cells, slug
from convtrack.site.matrix import common_tags
from convtrack.site.public import public_text
from convtrack.site.registry import Data, Writer, register_page


def detail_page(converter: str, cell: str) -> str:
    return f"detail/{slug(converter)}-{slug(cell)}.html"


def details_file(converter: str, cell: str) -> str:
    return f"data/details/{slug(converter)}-{slug(cell)}.js"


def slice_view(converter: str, cell: str, rows: list[dict[str, Any]],
               cases: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """One cell's results: columns (mode, opset), one row per case, and `details`, each distinct text once.

    A square carries only its outcome and the index of its text in `details`, so the page stays small.
    """
    cols = sorted({(r["mode"], r["opset"]) for r in rows})
    index = {(r["case"], r["mode"], r["opset"]): r for r in rows}
    texts: dict[str, int] = {}
    body = []
    for case in sorted({r["case"] for r in rows}):
        results = []
        for mode, opset in cols:
            r = index.get((case, mode, opset))
            results.append(None if r is None else {
                "outcome": r["outcome"], "d": texts.setdefault(public_text(detail(r)), len(texts))})
        body.append({"case": cases[case], "results": results})
    modes = [(m, sum(1 for c in cols if c[0] == m)) for m in sorted({c[0] for c in cols})]
    return {"converter": converter, "cell": cell, "key": f"{converter} {cell}", "columns": cols, "modes": modes,
            "rows": body, "details": list(texts), "script": details_file(converter, cell),
            "labels": [f"{m} / opset {o}" for m, o in cols], "col_modes": [m for m, _ in cols]}


def details_script(view: dict[str, Any]) -> str:
    """The square texts of one cell as a script that files them under the page's key."""
    key, texts = json.dumps(view["key"]), json.dumps(view["details"])
    return f"window.CONVTRACK_DETAILS = window.CONVTRACK_DETAILS || {{}};\nwindow.CONVTRACK_DETAILS[{key}] = {texts};\n"


def overview(rows: list[dict[str, Any]], grouped: dict[tuple[str, str], list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """Per converter, its cells in the matrix's order, each with its counts and the link to its page."""
    info = cell_info(rows)
    views = []
    for converter in sorted({r["converter"] for r in rows}):
        cells = []
        for c in ordered_cells(info, converter):
            part = grouped[(converter, c["cell"])]
            cells.append({"cell": c, "page": detail_page(converter, c["cell"]), "cases": len({r["case"] for r in part}),
                          **counts([r["outcome"] for r in part])})
        views.append({"converter": converter, "cells": cells,
                      "converter_axis": any(len(c["cell"]["release"]) > 1 for c in cells)})
    return views


def slice_filters(rows: list[dict[str, Any]], cases: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """The filters of a cell's page: mode, and the case kinds and tags present in it."""
    present = [cases[c] for c in sorted({r["case"] for r in rows})]
    return {"mode": sorted({r["mode"] for r in rows}), "kind": sorted({c["kind"] for c in present if c["kind"]}),
            "tag": common_tags(present)}


def group(rows: list[dict[str, Any]]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    by: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:  # grouped once, not scanned per cell
        by.setdefault((r["converter"], r["cell"]), []).append(r)
    return by


@register_page("detail.html", nav="Cases", order=20)
def _detail_pages(w: Writer, d: Data) -> None:
    grouped, cases = group(d.rows), {c["id"]: c for c in d.cases}
    views = overview(d.rows, grouped)
    w.page("detail.html", "detail.html", views=views)
    for view in views:
        for c in view["cells"]:
            part = grouped[(view["converter"], c["cell"]["cell"])]
            sliced = slice_view(view["converter"], c["cell"]["cell"], part, cases)
            path = w.out / sliced["script"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(details_script(sliced), encoding="utf-8")
            w.page("detail_cell.html", c["page"], view=sliced, cell=c["cell"], square=c,
                   cell_href=cell_page(view["converter"], c["cell"]["cell"]), filters=slice_filters(part, cases))
