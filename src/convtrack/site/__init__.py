"""The static site: the jinja2 templates of this package rendered over the records into the project's site folder.

Pages: index.html (compatibility matrix with client-side filters, freshness), detail.html + detail/*.html (case x
result, a page per cell, its texts in data/details/*.js), cases/*.html (+ cases/repro/*.py, a standalone repro
script per failing result), regressions.html + feed.xml (Atom, one entry per release pair), releases.html +
releases/*.html (every axis with transitions), signatures.html, installability.html (releases that cannot be
installed here, from reports/installability/), health.html, cells/*.html (runs and environments),
data.html (+ data/: records.json.gz, transitions.json, CSV, badges). Each page module (matrix, detail, cases,
changes, health) registers the pages it renders (see registry); templates/ and static/ sit beside them
and ship in the wheel.

Every value from a record goes through jinja2's autoescaping: converter messages are untrusted text; before
that, `public.finalize` replaces the recording machine's paths.
All links are relative, so the build works opened from disk and served under a sub-path.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import shutil
import tempfile
import time
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from convtrack import lock, records_index, replay_track, witness
from convtrack import replay as replay_records  # not `replay`: the page module convtrack.site.replay takes that name
from convtrack.outcomes import COLOURS, SHORT, Outcome
from convtrack.site import cases as site_cases
from convtrack.site import changes as site_changes
from convtrack.site import freshness as site_freshness
from convtrack.site import health as site_health
from convtrack.site import matrix as site_matrix
from convtrack.site import registry
from convtrack.site.cells import cell_page
from convtrack.site.colours import outcome_css
from convtrack.site.common import HARNESS, case_page, detail, divergence_text, fmt, page_rows, slug
from convtrack.site.detail import detail_page
from convtrack.site.public import finalize
from convtrack.site.svg import line_chart
from convtrack.transitions import TransitionKind

# Templates and static files ship inside this package (package data), found with importlib.resources.
PACKAGE = __name__

__all__ = ["build", "detail", "environment"]


def _register_pages() -> None:
    """Import every module of this package: each registers its pages (see registry)."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")


_register_pages()


def environment() -> Any:
    import jinja2

    # finalize: every value printed by a template loses the recording machine's paths, then is escaped
    env = jinja2.Environment(loader=jinja2.PackageLoader(PACKAGE, "templates"),
                             autoescape=jinja2.select_autoescape(["html", "xml"], default=True),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             finalize=finalize)
    env.globals.update(colours={o.value: c for o, c in COLOURS.items()}, short={o.value: s for o, s in SHORT.items()},
                       outcomes=[o.value for o in Outcome], harness=sorted(HARNESS), nav=registry.nav(),
                       case_page=case_page, cell_page=cell_page, detail_page=detail_page, line_chart=line_chart,
                       divergence_text=divergence_text,
                       outcome_table=[{"value": o.value, "short": SHORT[o], "harness": not o.is_converter_result}
                                      for o in Outcome])
    env.filters["fmt"] = fmt
    env.filters["slug"] = slug
    return env


class _Writer:
    def __init__(self, out: Path, env: Any, common: dict[str, Any]) -> None:
        self.out, self.env, self.common = out, env, common

    def page(self, template: str, rel: str, **ctx: Any) -> Path:
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        depth = rel.count("/")
        root = "/".join([".."] * depth) or "."
        html = self.env.get_template(template).render({**self.common, **ctx, "root": root, "page": rel})
        path.write_text(html, encoding="utf-8")
        return path


def build(reports: Path, out: Path, suites: Path | None = None, base_url: str = "", online: bool = True,
          progress: Callable[[str], None] | None = None) -> Path:
    """Render every registered page; returns the index path. `base_url` makes the Atom feed's links absolute.

    The site is rendered into a private temporary folder next to `out` and moved into place under a lock file,
    so concurrent builds never delete each other's files and readers never see a half-written site. `progress`
    receives a line per step (the CLI prints them: a build takes seconds and should not look stuck).
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
    try:
        _render(reports, tmp, suites, base_url, online, progress)
        os.chmod(tmp, 0o755)  # mkdtemp makes it private; a served site must be readable
        with lock.FileLock(out.parent / f".{out.name}{lock.LOCK_NAME}"):
            old = out.with_name(f".{out.name}.old-{os.getpid()}")
            if out.exists():
                os.rename(out, old)
            os.rename(tmp, out)
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out / "index.html"


def _render(reports: Path, out: Path, suites: Path | None, base_url: str, online: bool,
            progress: Callable[[str], None] | None) -> None:
    started = time.monotonic()

    def step(what: str) -> None:
        if progress is not None:
            progress(f"site: {what} ({time.monotonic() - started:.1f} s)")

    index = records_index.load(reports)
    step(f"{index.total} records read")
    rows = page_rows(index.latest)
    env = environment()
    with resources.as_file(resources.files(PACKAGE) / "static") as static:
        shutil.copytree(static, out / "static")
    (out / "static" / "outcomes.css").write_text(outcome_css(), encoding="utf-8")
    meta = site_cases.case_meta(suites)
    cases = site_matrix.case_index(rows, meta)
    cells, banners = site_health.health(rows)
    transitions, apart, uncompared = site_changes.load_changes(index.slim, meta)  # the one classifier: every page
    replayed = replay_records.load(reports)
    replay_apart: list[dict[str, Any]] = []
    replay_found = replay_track.transitions(replayed, replay_apart)
    step(f"{len(replayed)} replay records read")
    witness.annotate(rows, transitions, replay_found)  # each row's blame beside the second witnesses, in one place
    witness.annotate_transitions(transitions, rows)
    pairs = {(t["axis"], str(t["after_version"])) for t in transitions}
    dates = site_changes.release_dates(rows, pairs, online=online)
    releases = site_changes.releases(rows, transitions)
    timeline = site_changes.timeline(transitions, dates, {r["page"] for r in releases})
    data = registry.Data(outcomes=dict(index.outcomes), rows=rows, meta=meta, cases=cases, cells=cells,
                         timeline=timeline, apart=apart, uncompared=uncompared,
                         counted=[t for t in timeline if t["kind"] != TransitionKind.CHANGED.value],
                         kinds=site_changes.by_kind(timeline), releases=releases, generated=_now(), base_url=base_url,
                         reports=reports, suites=suites, replayed=replayed, replay_transitions=replay_found,
                         replay_set_apart=len(replay_apart),
                         freshness=site_freshness.check(rows, online))
    w = _Writer(out, env, {"generated": data.generated, "banners": banners, "total": index.total})
    step(f"{len(transitions)} transitions found")
    pages = registry.ordered()
    for i, p in enumerate(pages, 1):
        p.render(w, data)
        step(f"{p.path} rendered [{i}/{len(pages)}]")


def _now() -> str:
    from convtrack.store import now

    return now()
