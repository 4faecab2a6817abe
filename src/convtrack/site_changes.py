"""Regressions and fixes over releases: the timeline, the Atom feed, per-release pages and pass-rate charts.

Transitions come from convtrack.transitions (imported lazily: without it the timeline is empty). Release
dates come from the package index's upload time when it answers quickly, else from the records' own
timestamps: the build never needs the network.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable
from typing import Any

from convtrack import analysis
from convtrack.matrix import SHORT_NAMES
from convtrack.outcomes import Outcome
from convtrack.site_common import HARNESS, anchor, case_page, cell_info, release_page

INDEX_TIMEOUT_S = 8.0


def load_transitions(df: Any) -> list[dict[str, Any]]:
    """Every transition as a dict (Transition.to_dict()); [] until convtrack.transitions exists or on no data."""
    if df.empty:
        return []
    try:
        from convtrack import transitions  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        return []
    return [t.to_dict() for t in transitions.find(df)]


def _index_dates(packages: list[str], timeout: float) -> dict[tuple[str, str], str]:
    """(package, version) -> upload date from the index; {} when offline or slow (a daemon thread, abandoned)."""
    if os.environ.get("CONVTRACK_OFFLINE") or not packages:
        return {}
    found: dict[tuple[str, str], str] = {}

    def work() -> None:
        from convtrack import index

        for name in packages:
            try:
                for rel in index.releases(name):
                    if rel.uploaded:
                        found[(name, str(rel.version))] = rel.uploaded
            except Exception:  # noqa: BLE001 - best effort: any failure means "use the records' dates"
                continue

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(timeout)
    return dict(found) if not thread.is_alive() else {}


def release_dates(rows: list[dict[str, Any]], pairs: set[tuple[str, str]], online: bool = True,
                  lookup: Callable[[list[str], float], dict[tuple[str, str], str]] = _index_dates,
                  ) -> dict[tuple[str, str], dict[str, str]]:
    """(axis, version) -> {"date": ISO timestamp, "source": "index" | "records"}."""
    from_index = lookup(sorted({a for a, _ in pairs}), INDEX_TIMEOUT_S) if online else {}
    out: dict[tuple[str, str], dict[str, str]] = {}
    for axis, version in pairs:
        uploaded = from_index.get((axis, version))
        if uploaded:
            out[(axis, version)] = {"date": _iso(uploaded), "source": "index"}
            continue
        seen = [str(r.get("created")) for r in rows if str(r["versions"].get(axis, "")) == version]
        out[(axis, version)] = {"date": min(seen) if seen else "", "source": "records"}
    return out


def _iso(stamp: str) -> str:
    """Index upload times ('2025-10-15T17:02:11.123456Z') as second-precision RFC 3339 UTC."""
    stamp = stamp.replace("+00:00", "Z")
    if "." in stamp:
        stamp = stamp.split(".")[0] + "Z"
    return stamp if stamp.endswith("Z") else stamp + "Z"


def timeline(transitions: list[dict[str, Any]], dates: dict[tuple[str, str], dict[str, str]]) -> list[dict[str, Any]]:
    """Transitions newest release first, each with its date, links and a stable id."""
    out = []
    for t in transitions:
        date = dates.get((t["axis"], str(t["after_version"])), {})
        key = json.dumps({k: t.get(k) for k in ("kind", "converter", "case", "opset", "mode", "axis",
                                                  "before_cell", "after_cell")}, sort_keys=True, default=str)
        out.append({**t, "date": date.get("date", ""), "date_source": date.get("source", ""),
                    "id": hashlib.sha256(key.encode()).hexdigest()[:16],
                    "case_href": f"{case_page(t['case'])}#{anchor(t['after_cell'], t['mode'] or '-', t['opset'])}",
                    "release_href": release_page(t["converter"], t["axis"], str(t["after_version"]))})
    return sorted(out, key=lambda t: (t["date"], t["id"]), reverse=True)


def axes_of(converter: str, framework: str) -> list[str]:
    """The release axes a converter's pages compare: the framework, and the converter package when it is one."""
    return [framework] + (["tf2onnx"] if converter == "tf2onnx" else [])


def releases(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per (converter, axis, version) present in the records: what changed against the previous version."""
    info = cell_info(rows)
    out = []
    for converter in sorted({r["converter"] for r in rows}):
        part = [r for r in rows if r["converter"] == converter]
        framework = info[(converter, part[0]["cell"])]["framework"]
        for axis in axes_of(converter, framework):
            versions = sorted({str(r["versions"].get(axis)) for r in part if r["versions"].get(axis)},
                              key=analysis.version_key)
            for i, version in enumerate(versions):
                previous = versions[i - 1] if i else None
                out.append(_compare(converter, axis, previous, version, part))
    return out


def _others(r: dict[str, Any], axis: str) -> tuple[Any, ...]:
    """The key that holds everything but `axis` fixed: case, opset, mode and the cell's other axis values."""
    token = f"{SHORT_NAMES.get(axis, axis)}{r['versions'].get(axis)}"
    rest = tuple(p for p in str(r["cell"]).split("-") if p != token)
    return (r["case"], r["opset"], r["mode"], rest)


def _compare(converter: str, axis: str, previous: str | None, version: str,
             rows: list[dict[str, Any]]) -> dict[str, Any]:
    now = {_others(r, axis): r for r in rows if str(r["versions"].get(axis)) == version}
    before = {_others(r, axis): r for r in rows if previous and str(r["versions"].get(axis)) == previous}
    new: list[dict[str, Any]] = []
    fixed: list[dict[str, Any]] = []
    unchanged: list[dict[str, Any]] = []
    changed: list[dict[str, Any]] = []
    for key, r in sorted(now.items(), key=lambda kv: str(kv[0])):
        if r["outcome"] in HARNESS:
            continue
        b = before.get(key)
        item = {"after": r, "before": b, "href": f"{case_page(r['case'])}#{anchor(r['cell'], r['mode'], r['opset'])}"}
        if b is None or b["outcome"] in HARNESS:
            continue
        ra, rb = Outcome(r["outcome"]).rank, Outcome(b["outcome"]).rank
        if ra < rb:
            new.append(item)
        elif ra > rb:
            fixed.append(item)
        elif r["outcome"] != "pass":
            (unchanged if r.get("signature") == b.get("signature") else changed).append(item)
    current = [r for r in now.values() if r["outcome"] not in HARNESS]
    passed = sum(1 for r in current if r["outcome"] == "pass")
    return {"converter": converter, "axis": axis, "version": version, "previous": previous,
            "page": release_page(converter, axis, version),
            "previous_page": release_page(converter, axis, previous) if previous else None,
            "new": new, "fixed": fixed, "unchanged": unchanged, "changed": changed,
            "passed": passed, "applicable": len(current), "harness": len(now) - len(current)}


def chart_series(rows: list[dict[str, Any]], min_share: float = 0.5) -> list[dict[str, Any]]:
    """Per converter: pass rate per framework version, one series per mode (harness outcomes excluded).

    A version whose records cover fewer than `min_share` of the cases of the best-covered version (bisect probes,
    a gate on a few cases) is left out and named in `omitted`: its rate would speak for a handful of cases only.
    """
    info = cell_info(rows)
    charts = []
    for converter in sorted({r["converter"] for r in rows}):
        part = [r for r in rows if r["converter"] == converter]
        framework = info[(converter, part[0]["cell"])]["framework"]
        cases: dict[str, set[str]] = {}
        for r in part:
            cases.setdefault(str(r["versions"].get(framework, "")), set()).add(r["case"])
        most = max(len(c) for c in cases.values())
        versions = sorted((v for v, c in cases.items() if len(c) >= min_share * most), key=analysis.version_key)
        omitted = sorted(set(cases) - set(versions), key=analysis.version_key)
        series = []
        for mode in sorted({r["mode"] for r in part}):
            points = []
            for v in versions:
                sel = [r for r in part if r["mode"] == mode and str(r["versions"].get(framework, "")) == v
                       and r["outcome"] not in HARNESS]
                points.append(None if not sel else sum(r["outcome"] == "pass" for r in sel) / len(sel))
            series.append({"name": mode if mode != "-" else "all cases", "points": points})
        charts.append({"title": f"{converter}: pass rate by {framework} release", "labels": versions,
                       "series": series, "omitted": omitted})
    return charts
