"""The site's pages, found by registration instead of a hand-wired list (asv's OutputPublisher, smaller).

A page module of this package declares each page it renders with `@register_page(path, nav=..., order=...)`; `build`
imports every module of the package and renders the registered pages in order, and the navigation bar is the
registered pages that have a `nav` label. A new page is its module and its template: no edit elsewhere.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from convtrack import gaps


class Writer(Protocol):
    env: Any
    out: Path

    def page(self, template: str, rel: str, **ctx: Any) -> Path: ...


@dataclasses.dataclass
class Data:
    """What the pages are made of, computed once per build."""

    outcomes: dict[str, int]  # records per outcome, every record counted (not only the newest)
    rows: list[dict[str, Any]]  # the newest record per task
    meta: dict[str, dict[str, Any]]  # case metadata from the suites
    cases: list[dict[str, Any]]
    cells: list[dict[str, Any]]
    timeline: list[dict[str, Any]]  # every transition, dated, by the one classifier
    counted: list[dict[str, Any]]  # regressions and fixes (no "changed")
    kinds: dict[str, list[dict[str, Any]]]
    releases: list[dict[str, Any]]
    generated: str
    base_url: str
    reports: Path | None = None  # the records folder, for the files beside the records (environment sidecars)
    suites: Path | None = None  # the case files, for the repro scripts of failing results
    freshness: dict[str, Any] = dataclasses.field(default_factory=lambda: {"checked": False, "stale": []})
    apart: list[dict[str, Any]] = dataclasses.field(default_factory=list)  # NotComparable.to_dict(): set apart
    uncompared: list[gaps.Gap] | None = None  # the scan's steps no two cells compare (None: not scanned here)
    replayed: list[dict[str, Any]] = dataclasses.field(default_factory=list)  # the replay track's records
    replay_transitions: list[dict[str, Any]] = dataclasses.field(default_factory=list)  # replay_track.transitions
    replay_set_apart: int = 0  # replay changes set apart (replay_track.predates)


Render = Callable[[Writer, Data], None]


@dataclasses.dataclass(frozen=True)
class Page:
    path: str
    nav: str | None
    order: int
    render: Render


PAGES: dict[str, Page] = {}


def register_page(path: str, nav: str | None = None, order: int = 100) -> Callable[[Render], Render]:
    def register(render: Render) -> Render:
        PAGES[path] = Page(path, nav, order, render)
        return render
    return register


def ordered() -> list[Page]:
    return sorted(PAGES.values(), key=lambda p: (p.order, p.path))


def nav() -> list[tuple[str, str]]:
    return [(p.path, p.nav) for p in ordered() if p.nav]
