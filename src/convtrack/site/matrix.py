"""The compatibility matrix (index); the case x result view of each cell is in detail.py.

The index has one square per (cell, mode, opset) coloured by pass rate over the cases; each square
carries its per-case outcomes (`data-results`) so site.js can recompute it for the case-kind and tag
filters without a server.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from convtrack import store
from convtrack.outcomes import Outcome
from convtrack.site.common import (
    case_page,
    cell_info,
    counts,
    counts_text,
    ordered_cells,
)
from convtrack.site.registry import Data, Writer, register_page
from convtrack.transitions import probe_cells

# One letter per outcome in pipeline order (site.js reads the same table from the page's outcome data)
LETTER = {o.value: chr(ord("a") + i) for i, o in enumerate(Outcome)}


def encode_results(results: Iterable[tuple[int, str]]) -> str:
    """A square's (case index, outcome letter) pairs as site.js reads them: "3m,7-12m,13j": a run of consecutive
    case indices with one outcome is written as a range (a matrix square of 170 cases is mostly one outcome, and
    the page has hundreds of squares: its weight budget)."""
    runs: list[list[Any]] = []  # [first, last, letter]
    for index, letter in sorted(results):
        if runs and runs[-1][2] == letter and runs[-1][1] == index - 1:
            runs[-1][1] = index
        else:
            runs.append([index, index, letter])
    return ",".join(f"{a}{letter}" if a == b else f"{a}-{b}{letter}" for a, b, letter in runs)


def case_index(rows: list[dict[str, Any]], meta: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Every case present in the records (sorted), with kind and tags from its case file when known."""
    seen: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r["case"] in seen:
            continue
        m = meta.get(r["case"], {})
        tags = [str(t) for t in m.get("tags", [])] if isinstance(m.get("tags"), list) else []
        seen[r["case"]] = {"id": r["case"], "kind": str(r.get("case_kind") or m.get("kind") or ""),
                           "tags": tags, "converter": r["converter"], "page": case_page(r["case"])}
    return [seen[k] for k in sorted(seen)]


def written_instead(results: Iterable[dict[str, Any]], asked: int) -> str:
    """The opsets converted models declare other than the one asked for ("opset 18 for 157 models"), or ""."""
    other = Counter(p for r in results if (p := store.produced_opset(r)) is not None and p != asked)
    return ", ".join(f"opset {o} for {n} model{'s' if n > 1 else ''}" for o, n in sorted(other.items()))


def squares(rows: list[dict[str, Any]], cases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per converter: modes x opsets columns, one row per cell, one pass-rate square per column.

    A partial run (`transitions.probe_cells`: a bisect probe, a `--select` run) is no row: a square of one case
    would read as the release's result. Its cells are named in the view's `probes`.
    """
    probes = probe_cells(rows)
    rows = [r for r in rows if (r["converter"], r["cell"]) not in probes]
    info = cell_info(rows)
    position = {c["id"]: i for i, c in enumerate(cases)}
    views = []
    for converter in sorted({r["converter"] for r in rows}):
        part = [r for r in rows if r["converter"] == converter]
        modes = sorted({r["mode"] for r in part})
        columns = [(m, o) for m in modes for o in sorted({r["opset"] for r in part if r["mode"] == m})]
        grouped: dict[tuple[str, str, int], list[dict[str, Any]]] = {}
        for r in part:
            grouped.setdefault((r["cell"], r["mode"], r["opset"]), []).append(r)
        body = []
        for cell in ordered_cells(info, converter):
            squares_row: list[dict[str, Any] | None] = []
            for mode, opset in columns:
                results = grouped.get((cell["cell"], mode, opset), [])
                if not results:
                    squares_row.append(None)
                    continue
                c = counts([r["outcome"] for r in results])
                c["results"] = encode_results((position[r["case"]], LETTER[r["outcome"]]) for r in results)
                c["title"] = f"{cell['cell']} / {mode} / opset {opset}: {counts_text(c['by'])}"
                c["written"] = written_instead(results, opset)
                if c["written"]:
                    c["title"] += f"; the converter wrote {c['written']} instead"
                c["mode"] = mode
                squares_row.append(c)
            body.append({"cell": cell, "squares": squares_row})
        own_package = any(len(c["release"]) > 1 for c in ordered_cells(info, converter))  # tf2onnx: its own axis
        views.append({"converter": converter, "modes": [(m, sum(1 for c in columns if c[0] == m)) for m in modes],
                      "columns": columns, "rows": body, "converter_axis": own_package,
                      "probes": sorted(c for conv, c in probes if conv == converter)})
    return views


def filters(rows: list[dict[str, Any]], cases: list[dict[str, Any]]) -> dict[str, list[str]]:
    return {"converter": sorted({r["converter"] for r in rows}), "mode": sorted({r["mode"] for r in rows}),
            "kind": sorted({c["kind"] for c in cases if c["kind"]}),
            "tag": common_tags(cases)}


TAG_LIST_MAX = 30


def common_tags(cases: list[dict[str, Any]]) -> list[str]:
    """The tags of the tag filter: the 30 most used (270 tags in one select were unusable; a rarer tag is found
    with the case search), alphabetically."""
    counts: dict[str, int] = {}
    for c in cases:
        for t in set(c["tags"]):
            counts[t] = counts.get(t, 0) + 1
    return sorted(sorted(counts, key=lambda t: (-counts[t], t))[:TAG_LIST_MAX])


@register_page("index.html", nav="Matrix", order=10)
def _index_page(w: Writer, d: Data) -> None:
    from convtrack.site.changes import chart_series

    w.page("index.html", "index.html", views=squares(d.rows, d.cases), cases=d.cases,
           filters=filters(d.rows, d.cases), charts=chart_series(d.rows),
           counts=d.outcomes, recent=d.counted[:5],
           freshness=d.freshness)
