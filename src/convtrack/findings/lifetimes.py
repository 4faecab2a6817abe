"""The longest-lived open failures: failing in the newest release measured, and since when, without a break.

A failure line is one (converter, case, opset, mode) along one release axis (torch; tensorflow or tf2onnx), the
other axes held equal, as transitions order records. It is *open* when its newest version is the newest release of
that axis measured for the converter and its record there is a converter failure. Walking back to older versions,
it has failed *since* the oldest version reached before a pass; a version with only a harness outcome is skipped
(nothing was measured there), as transitions skip it. When nothing older than `since` was measured, the failure
may be older still (`open_before`).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from convtrack.analysis import version_key
from convtrack.findings.rows import Row, release_axes

Dates = Mapping[tuple[str, str], str]  # (package, version) -> ISO upload time on the package index
INDEX_TIMEOUT_S = 10.0
LineKey = tuple[str, str, int, str, str, tuple[tuple[str, str], ...]]  # converter case opset mode axis held


@dataclasses.dataclass
class OpenFailure:
    converter: str
    case: str
    mode: str
    axis: str
    held: dict[str, str]
    opsets: list[int]  # the opsets failing over this same span
    outcome: str  # in the newest release
    signature: str | None
    since: str  # the oldest version of the unbroken run of failures
    newest: str
    releases: int  # measured releases in the run
    open_before: bool  # nothing older than `since` was measured: it may have failed before
    since_date: str | None = None
    newest_date: str | None = None
    days: int | None = None


def _lines(rows: Iterable[Row]) -> dict[LineKey, dict[str, Row]]:
    lines: dict[LineKey, dict[str, Row]] = defaultdict(dict)
    for r in rows:
        for axis in release_axes(r):
            held = tuple(sorted((k, str(v)) for k, v in r["axes"].items() if k != axis))
            lines[(r["converter"], r["case"], int(r["opset"]), r["mode"], axis, held)][str(r["axes"][axis])] = r
    return lines


def _newest_versions(rows: Iterable[Row]) -> dict[tuple[str, str], str]:
    """(converter, axis) -> the newest version of that axis any full run of the converter measured."""
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows:
        for axis in release_axes(r):
            seen[(r["converter"], axis)].add(str(r["axes"][axis]))
    return {k: max(v, key=version_key) for k, v in seen.items()}


def _run(by_version: Mapping[str, Row]) -> tuple[list[str], bool] | None:
    """(the failing versions, newest first; whether an older version passed) of a line failing at its newest
    measured version; None when that version is not a failure."""
    measured = [v for v in sorted(by_version, key=version_key, reverse=True)
                if by_version[v]["outcome"].is_converter_result]
    failing = []
    for v in measured:
        if not by_version[v]["outcome"].is_failure:
            break
        failing.append(v)
    return (failing, len(failing) < len(measured)) if failing else None


def open_lines(rows: list[Row]) -> list[OpenFailure]:
    newest = _newest_versions(rows)
    out = []
    for (converter, case, opset, mode, axis, held), by_version in _lines(rows).items():
        top = max(by_version, key=version_key)
        run = _run(by_version) if top == newest[(converter, axis)] else None
        if run is None or run[0][0] != top:
            continue
        failing, older_passed = run
        now = by_version[top]
        out.append(OpenFailure(converter, case, mode, axis, dict(held), [opset], str(now["outcome"]),
                               now.get("signature"), failing[-1], top, len(failing), not older_passed))
    return out


def _merge(lines: list[OpenFailure]) -> list[OpenFailure]:
    """One entry per (converter, case, mode, axis, held, span): the opsets failing over the same span together."""
    merged: dict[tuple[Any, ...], OpenFailure] = {}
    for f in sorted(lines, key=lambda f: f.opsets):
        key = (f.converter, f.case, f.mode, f.axis, tuple(f.held.items()), f.since, f.newest)
        if key in merged:
            merged[key].opsets.extend(f.opsets)
        else:
            merged[key] = dataclasses.replace(f, opsets=list(f.opsets))
    return list(merged.values())


def _days(a: str, b: str) -> int:
    def day(stamp: str) -> _dt.date:
        return _dt.date.fromisoformat(stamp[:10])
    return (day(b) - day(a)).days


def dated(f: OpenFailure, dates: Dates) -> OpenFailure:
    start, end = dates.get((f.axis, f.since)), dates.get((f.axis, f.newest))
    return dataclasses.replace(f, since_date=start, newest_date=end,
                               days=_days(start, end) if start and end else None)


def longest(rows: list[Row], dates: Dates, top: int = 10) -> tuple[list[OpenFailure], int, int]:
    """The `top` longest-lived open failures, one per (converter, case, mode): most releases, then the longest span,
    then the most opsets, then by id. Also how many (converter, case, mode) have an open failure at all, and how
    many of them are as long-lived as the last one shown (ties the order by id decided)."""
    best: dict[tuple[str, str, str], OpenFailure] = {}
    for f in _merge(open_lines(rows)):
        f = dated(f, dates)
        key = (f.converter, f.case, f.mode)
        if key not in best or _rank(f) < _rank(best[key]):
            best[key] = f
    ranked = sorted(best.values(), key=_rank)
    shown = ranked[:top]
    tied = sum(1 for f in ranked if shown and _age(f) == _age(shown[-1]))
    return shown, len(ranked), tied


def _age(f: OpenFailure) -> tuple[int, int]:
    return f.releases, f.days or 0


def _rank(f: OpenFailure) -> tuple[Any, ...]:
    return (-f.releases, -(f.days or 0), -len(f.opsets), f.converter, f.case, f.mode, f.axis,
            tuple(f.held.items()), f.opsets)


def index_dates(packages: Iterable[str], timeout: float = INDEX_TIMEOUT_S) -> dict[tuple[str, str], str]:
    """(package, version) -> upload time from the package index (convtrack.index.upload_dates)."""
    from convtrack import index

    return index.upload_dates(list(packages), timeout)
