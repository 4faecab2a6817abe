"""A link crawler over a built site: every local href/src resolves to a file, every #anchor to an id on it."""

from __future__ import annotations

import html.parser
import urllib.parse
from pathlib import Path


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "src"):
                self.links.append(value)
            elif name in ("id", "name"):
                self.ids.add(value)


def _parse(path: Path) -> _Links:
    p = _Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


def broken_links(root: Path) -> list[str]:
    """'page -> href' for each local link whose file or anchor does not exist (external links are not fetched)."""
    parsed: dict[Path, _Links] = {}

    def get(path: Path) -> _Links:
        if path not in parsed:
            parsed[path] = _parse(path)
        return parsed[path]

    broken = []
    for page in sorted(root.rglob("*.html")):
        for href in get(page).links:
            url = urllib.parse.urlsplit(href)
            if url.scheme or href.startswith("//"):
                continue
            target = (page.parent / urllib.parse.unquote(url.path)).resolve() if url.path else page
            if not target.exists() or root.resolve() not in (target, *target.parents):
                broken.append(f"{page.relative_to(root)} -> {href}")
            elif url.fragment and target.suffix == ".html" and url.fragment not in get(target).ids:
                broken.append(f"{page.relative_to(root)} -> {href} (no such anchor)")
    return broken
