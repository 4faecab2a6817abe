"""Regressions and fixes over releases: the timeline, the Atom feed, per-release pages and pass-rate charts.

Every page takes its transitions from `transitions.scan`, the one classifier: a release page lists the
transitions into its version, so it, the regressions page, the feed, `convtrack changes` and the gate count
the same. Partial runs (`transitions.probe_cells`) get no page, are never a baseline and are not charted.
Release dates come from the package index's upload time when it answers quickly, else from the records' own
timestamps: the build never needs the network.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any, NamedTuple

from convtrack import analysis, converter_info, gaps, transitions
from convtrack.outcomes import Outcome
from convtrack.site import grouping
from convtrack.site.common import anchor, case_page, cell_info, release_page
from convtrack.site.registry import Data, Writer, register_page
from convtrack.transitions import State, TransitionKind

INDEX_TIMEOUT_S = 8.0


class Changes(NamedTuple):
    transitions: list[dict[str, Any]]  # Transition.to_dict()
    apart: list[dict[str, Any]]  # NotComparable.to_dict()
    gaps: list[gaps.Gap]  # adjacent versions no two cells compare


def load_changes(records: Any, meta: dict[str, dict[str, Any]] | None = None) -> Changes:
    """Every transition, not-comparable pair and uncompared step in `records` (a frame, or rows as
    records_index.slim), from one scan; `meta` (site.cases.case_meta: id -> CASE values and hash) sets apart
    changes that moved a case's own package."""
    requires = {(cid, str(m.get("hash"))): tuple(str(p) for p in m.get("requires") or ())
                for cid, m in (meta or {}).items()}
    scan = transitions.scan(records, requires)
    return Changes([t.to_dict() for t in scan.transitions], [n.to_dict() for n in scan.not_comparable], scan.gaps)


def _index_dates(packages: list[str], timeout: float) -> dict[tuple[str, str], str]:
    from convtrack import index  # imported when a site is built online, not whenever the site module loads

    return index.upload_dates(packages, timeout)


def release_dates(rows: list[dict[str, Any]], pairs: set[tuple[str, str]], online: bool = True,
                  lookup: Callable[[list[str], float], dict[tuple[str, str], str]] = _index_dates,
                  ) -> dict[tuple[str, str], dict[str, str]]:
    """(axis, version) -> {"date": ISO timestamp, "source": "index" | "records"}."""
    from_index = lookup(sorted({a for a, _ in pairs}), INDEX_TIMEOUT_S) if online else {}
    out: dict[tuple[str, str], dict[str, str]] = {}
    first: dict[tuple[str, str], str] = {}  # (axis, version) -> oldest record, from one pass over the rows
    wanted = {a for a, _ in pairs}
    for r in rows:
        created = str(r.get("created"))
        for axis in wanted:
            key = (axis, str(r["versions"].get(axis, "")))
            if key in pairs and (key not in first or created < first[key]):
                first[key] = created
    for axis, version in pairs:
        uploaded = from_index.get((axis, version))
        if uploaded:
            out[(axis, version)] = {"date": _iso(uploaded), "source": "index"}
            continue
        out[(axis, version)] = {"date": first.get((axis, version), ""), "source": "records"}
    return out


def _iso(stamp: str) -> str:
    """Index upload times ('2025-10-15T17:02:11.123456Z') as second-precision RFC 3339 UTC."""
    stamp = stamp.replace("+00:00", "Z")
    if "." in stamp:
        stamp = stamp.split(".")[0] + "Z"
    return stamp if stamp.endswith("Z") else stamp + "Z"


def timeline(found: list[dict[str, Any]], dates: dict[tuple[str, str], dict[str, str]],
             pages: set[str] | None = None) -> list[dict[str, Any]]:
    """Transitions newest release first, each with its date, links and a stable id.

    `pages`: the release pages that exist (None: every one); a transition along another axis (onnxruntime)
    has no release page and gets no link.
    """
    out = []
    for t in found:
        date = dates.get((t["axis"], str(t["after_version"])), {})
        key = json.dumps({k: t.get(k) for k in ("kind", "converter", "case", "opset", "mode", "axis",
                                                  "before_cell", "after_cell")}, sort_keys=True, default=str)
        page = release_page(t["converter"], t["axis"], str(t["after_version"]))
        out.append({**t, "date": date.get("date", ""), "date_source": date.get("source", ""),
                    "id": hashlib.sha256(key.encode()).hexdigest()[:16],
                    "case_href": f"{case_page(t['case'])}#{anchor(t['after_cell'], t['mode'] or '-', t['opset'])}",
                    "release_href": page if pages is None or page in pages else None})
    return sorted(out, key=lambda t: (t["date"], t["id"]), reverse=True)


def by_kind(found: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Transitions split by kind (regression, fix, changed), order kept."""
    return {k.value: [t for t in found if t["kind"] == k.value] for k in TransitionKind}


def axes_of(converter: str, framework: str) -> list[str]:
    """The release axes a converter's pages compare (converter_info: the framework, and the converter's own
    package when it has one)."""
    return list(converter_info.describe(converter, framework).release_axes)


def releases(rows: list[dict[str, Any]], found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per (converter, axis, version) of a full run: the transitions into it, from `found` (the scan)."""
    probes = transitions.probe_cells(rows)
    rows = [r for r in rows if (r["converter"], r["cell"]) not in probes]
    info = cell_info(rows)
    out = []
    for converter in sorted({r["converter"] for r in rows}):
        part = [r for r in rows if r["converter"] == converter]
        framework = info[(converter, part[0]["cell"])]["framework"]
        # every axis a transition moved along gets its pages (onnxruntime, onnx, ...), not only the release axes
        moved = sorted({t["axis"] for t in found if t["converter"] == converter} - set(axes_of(converter, framework)))
        for axis in axes_of(converter, framework) + moved:
            at: dict[str, list[dict[str, Any]]] = {}  # rows by their version on the axis, grouped once
            for r in part:
                at.setdefault(str(r["axes"].get(axis)), []).append(r)
            versions = sorted({str(r["axes"].get(axis)) for r in part if r["axes"].get(axis)},
                              key=analysis.version_key)
            into = [t for t in found if t["converter"] == converter and t["axis"] == axis]
            for i, version in enumerate(versions):
                previous = versions[i - 1] if i else None
                near = at.get(version, []) + (at.get(previous, []) if previous else [])
                out.append(_page(converter, axis, previous, version, near,
                                 [t for t in into if str(t["after_version"]) == version]))
    return out


def _line(r: dict[str, Any], axis: str) -> tuple[Any, ...]:
    """What is held fixed along `axis`: case, opset, mode and the record's other axis values."""
    return (r["case"], r["opset"], r["mode"], _others(tuple(r["axes"].items()), axis))


@functools.lru_cache(maxsize=4096)  # one value per cell and axis: rows of a cell share their axes
def _others(items: tuple[tuple[str, Any], ...], axis: str) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted((k, v) for k, v in items if k != axis))


def _item(t: dict[str, Any], after: dict[str, Any] | None) -> dict[str, Any]:
    """A transition as a release page row: its link, and the full error of the newer record when known."""
    return {**t, "href": f"{case_page(t['case'])}#{anchor(t['after_cell'], t['mode'], t['opset'])}",
            "error": (after or {}).get("error")}


def _unchanged(b: dict[str, Any], r: dict[str, Any], axis: str) -> dict[str, Any]:
    return _item({"kind": "unchanged", "case": r["case"], "opset": r["opset"], "mode": r["mode"], "axis": axis,
                  "before_version": str(b["axes"].get(axis)), "after_version": str(r["axes"].get(axis)),
                  "before_cell": b["cell"], "after_cell": r["cell"], "before_outcome": b["outcome"],
                  "after_outcome": r["outcome"], "before_signature": b.get("signature"),
                  "after_signature": r.get("signature"), "became_silent": False}, r)


def _page(converter: str, axis: str, previous: str | None, version: str, rows: list[dict[str, Any]],
          found: list[dict[str, Any]]) -> dict[str, Any]:
    now = {_line(r, axis): r for r in rows if str(r["axes"].get(axis)) == version}
    before = {_line(r, axis): r for r in rows if previous and str(r["axes"].get(axis)) == previous}
    moved = {(t["case"], t["opset"], t["mode"], t["after_cell"]) for t in found}
    unchanged = []
    for key, r in sorted(now.items(), key=lambda kv: str(kv[0])):
        b = before.get(key)
        if b is None or (r["case"], r["opset"], r["mode"], r["cell"]) in moved:
            continue
        sb, sa = State.of(b), State.of(r)
        if sb.outcome.is_failure and sa.outcome.is_failure and transitions.classify(sb, sa) is None:
            unchanged.append(_unchanged(b, r, axis))
    current = [r for r in now.values() if Outcome(r["outcome"]).is_converter_result]
    items = {k: [_item(t, now.get(_line_of(t, axis))) for t in ts] for k, ts in by_kind(found).items()}
    return {"converter": converter, "axis": axis, "version": version, "previous": previous,
            "page": release_page(converter, axis, version),
            "previous_page": release_page(converter, axis, previous) if previous else None,
            "new": items["regression"], "fixed": items["fix"], "changed": items["changed"], "unchanged": unchanged,
            "passed": sum(1 for r in current if Outcome(r["outcome"]) is Outcome.PASS),
            "applicable": len(current), "harness": len(now) - len(current)}


def _line_of(t: dict[str, Any], axis: str) -> tuple[Any, ...]:
    return (t["case"], t["opset"], t["mode"], tuple(sorted(t["fixed"].items())))


def chart_series(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per converter: pass rate per framework version, one series per mode (harness outcomes excluded).

    Partial runs (`transitions.probe_cells`: bisect probes, a gate on a few cases) are left out, and a version
    seen only in them is named in `omitted`: its rate would speak for a handful of cases only.
    """
    info = cell_info(rows)
    probes = transitions.probe_cells(rows)
    charts = []
    for converter in sorted({r["converter"] for r in rows}):
        part = [r for r in rows if r["converter"] == converter]
        framework = info[(converter, part[0]["cell"])]["framework"]
        full = [r for r in part if (converter, r["cell"]) not in probes]
        versions = sorted({str(r["versions"].get(framework, "")) for r in full}, key=analysis.version_key)
        omitted = sorted({str(r["versions"].get(framework, "")) for r in part} - set(versions),
                         key=analysis.version_key)
        series = []
        results: dict[tuple[str, str], list[dict[str, Any]]] = {}  # (mode, version) -> converter results
        for r in full:
            if Outcome(r["outcome"]).is_converter_result:
                results.setdefault((r["mode"], str(r["versions"].get(framework, ""))), []).append(r)
        for mode in sorted({r["mode"] for r in part}):
            points = []
            for v in versions:
                sel = results.get((mode, v), [])
                points.append(None if not sel else sum(Outcome(r["outcome"]) is Outcome.PASS for r in sel) / len(sel))
            series.append({"name": mode if mode != "-" else "all cases", "points": points})
        charts.append({"title": f"{converter}: pass rate by {framework} release", "labels": versions,
                       "series": series, "omitted": omitted})
    return charts


@register_page("regressions.html", nav="Regressions", order=40)
def _regressions_page(w: Writer, d: Data) -> None:
    groups = grouping.pairs(d.timeline)
    blames = sorted({b for g in groups for r in g["rows"] for b in r["blames"]})
    w.page("regressions.html", "regressions.html", groups=groups, kinds=d.kinds, blames=blames)


@register_page("feed.xml", order=45)
def _feed(w: Writer, d: Data) -> None:
    feed = w.env.get_template("feed.xml").render(
        groups=grouping.pairs(d.counted), generated=d.generated, base_url=d.base_url.rstrip("/"),
        updated=max([t["date"] for t in d.counted if t["date"]] or [d.generated]))
    (w.out / "feed.xml").write_text(feed, encoding="utf-8")


@register_page("releases.html", nav="Releases", order=50)
def _release_pages(w: Writer, d: Data) -> None:
    w.page("releases.html", "releases.html", releases=d.releases, charts=chart_series(d.rows))
    for r in d.releases:
        w.page("release.html", r["page"], release=r)
