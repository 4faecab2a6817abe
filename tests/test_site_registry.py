"""The site's pages are found by registration: the nav bar is the registered pages with a label, in order."""

from __future__ import annotations

from pathlib import Path

from convtrack import site
from convtrack.site import registry


def test_every_page_module_registers_its_pages_and_the_nav_follows() -> None:
    assert [label for _, label in registry.nav()] == ["Matrix", "Cases", "Findings", "Regressions", "Releases",
                                                       "Replay", "Signatures", "Not installable", "Health", "Data"]
    assert {"cases/", "feed.xml"} <= set(registry.PAGES)
    assert site.environment().globals["nav"] == registry.nav()


def test_a_registered_page_is_rendered_without_editing_the_build(tmp_path: Path) -> None:
    @registry.register_page("extra.txt", order=999)
    def extra(w: registry.Writer, d: registry.Data) -> None:
        (w.out / "extra.txt").write_text(f"{len(d.rows)} rows")

    try:
        site.build(tmp_path / "no-reports", tmp_path / "out", online=False)
    finally:
        del registry.PAGES["extra.txt"]
    assert (tmp_path / "out" / "extra.txt").read_text() == "0 rows"
    assert (tmp_path / "out" / "static" / "style.css").is_file()
