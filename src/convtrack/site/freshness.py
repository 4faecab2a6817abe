"""Is the data out of date? The newest release on the package index of each measured package (framework, and
the converter when it is its own package) against the newest release measured; and, for `convtrack freshness`
(the nightly workflow's stale-data issue), the age of each converter's newest record.

Asked only on an online build, in a daemon thread with a timeout: the build never waits on the network, and an
offline build says it did not look instead of claiming the data is current.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from collections.abc import Callable
from typing import Any

from convtrack import analysis
from convtrack.site.common import cell_info

TIMEOUT_S = 8.0
Lookup = Callable[[list[str], float], dict[str, tuple[str, str]]]


def _newest_on_index(packages: list[str], timeout: float) -> dict[str, tuple[str, str]]:
    """package -> (newest final, usable release, its upload time); {} when offline or slow."""
    if os.environ.get("CONVTRACK_OFFLINE") or not packages:
        return {}
    found: dict[str, tuple[str, str]] = {}

    def work() -> None:
        from convtrack import index

        for name in packages:
            try:
                final = [r for r in index.releases(name) if r.usable and not r.version.is_prerelease]
            except Exception:  # noqa: BLE001 - best effort: any failure means "not checked"
                continue
            if final:
                found[name] = (str(final[-1].version), final[-1].uploaded or "")

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(timeout)
    return dict(found) if not thread.is_alive() else {}


def measured(rows: list[dict[str, Any]]) -> dict[str, str]:
    """package -> newest version measured, for each converter's framework and converter package."""
    newest: dict[str, str] = {}
    for c in cell_info(rows).values():
        for package, version in c["release"].items():
            if version and (package not in newest
                            or analysis.version_key(version) > analysis.version_key(newest[package])):
                newest[package] = version
    return newest


def check(rows: list[dict[str, Any]], online: bool, lookup: Lookup | None = None) -> dict[str, Any]:
    """{"checked": bool, "stale": [{package, measured, newest, uploaded}]} for the front page."""
    have = measured(rows)
    if not online or not have:
        return {"checked": False, "stale": []}
    on_index = (lookup or _newest_on_index)(sorted(have), TIMEOUT_S)
    stale = [{"package": p, "measured": v, "newest": on_index[p][0], "uploaded": on_index[p][1][:10]}
             for p, v in sorted(have.items())
             if p in on_index and analysis.version_key(on_index[p][0]) > analysis.version_key(v)]
    return {"checked": bool(on_index), "stale": stale}


def ages(rows: list[dict[str, Any]], now: dt.datetime) -> dict[str, tuple[str, float]]:
    """converter -> (its newest record's timestamp, that record's age in days at `now`)."""
    newest: dict[str, str] = {}
    for r in rows:
        created = str(r.get("created") or "")
        if created > newest.get(r["converter"], ""):
            newest[r["converter"]] = created
    out = {}
    for converter, created in sorted(newest.items()):
        when = dt.datetime.fromisoformat(created.replace("Z", "+00:00"))
        out[converter] = (created, (now - when).total_seconds() / 86400)
    return out


def report(rows: list[dict[str, Any]], max_age_days: float, now: dt.datetime, online: bool,
           lookup: Lookup | None = None) -> tuple[bool, str]:
    """(stale, Markdown): stale when no converter has records or one's newest is older than `max_age_days`; the
    text also names releases on the index newer than the newest measured (asked only when `online`)."""
    found = ages(rows, now)
    old = {c: a for c, a in found.items() if a[1] > max_age_days}
    lines = [f"# convtrack data is {'stale' if old or not found else 'fresh'}", "",
             f"Limit: {max_age_days:g} days; checked {now:%Y-%m-%d %H:%M} UTC.", ""]
    if not found:
        lines.append("- no records at all")
    for converter, (created, days) in found.items():
        mark = "**older than the limit**" if converter in old else "within the limit"
        lines.append(f"- {converter}: newest record {created}, {days:.1f} days old ({mark})")
    newer = check(rows, online, lookup)
    for s in newer["stale"]:
        lines.append(f"- {s['package']} {s['newest']} is on the package index (uploaded {s['uploaded'] or '?'}); "
                     f"the newest measured is {s['measured']}")
    if not newer["checked"]:
        lines.append("- the package index was not asked for newer releases")
    return bool(old) or not found, "\n".join(lines) + "\n"
