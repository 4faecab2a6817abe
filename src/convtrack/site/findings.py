"""The findings page: the same `convtrack.findings.Findings` object reports/FINDINGS.md is written from, as HTML.

It reuses what the build already has (the newest record per task, the transitions of the one classifier, the
suite's metadata), and dates the open failures from the package index only when the build is online.
"""

from __future__ import annotations

from pathlib import Path

from convtrack import findings, installability_report, withdrawn
from convtrack.findings import invalid, lifetimes, markdown
from convtrack.findings.headlines import distinct_text
from convtrack.findings.markdown import CAVEAT, FAILURES, NO_REPLAY, NOT_RECORDED, REPLAY_HOW, cut, pct
from convtrack.findings.replay import span
from convtrack.findings.shares import by_symptom
from convtrack.site.registry import Data, Writer, register_page
from convtrack.suite import Case


def cases(meta: dict[str, dict[str, object]]) -> list[Case] | None:
    """The suite's cases from the build's metadata (id -> CASE values and hash); None when it was not given."""
    if not meta:
        return None
    return [Case(cid, Path(cid), str(m.get("hash", "")), dict(m)) for cid, m in sorted(meta.items())]


def compute(d: Data) -> findings.Findings:
    online = bool(d.freshness.get("checked"))  # the build reached the package index
    installable, unreadable = installability_report.load_all(d.reports) if d.reports is not None else ([], [])
    return findings.compute(d.rows, d.timeline, cases(d.meta), lifetimes.index_dates if online else None,
                            replayed=d.replayed, installable=installable, unreadable=unreadable, apart=d.apart,
                            uncompared=d.uncompared, withdrawn=withdrawn.load(d.reports) if d.reports else None)


@register_page("findings.html", nav="Findings", order=35)
def _findings_page(w: Writer, d: Data) -> None:
    w.page("findings.html", "findings.html", f=compute(d), pct=pct, cut=cut, failures=FAILURES,
           mapping=by_symptom(), caveat=CAVEAT, not_recorded=NOT_RECORDED,
           span=span, replay_how=REPLAY_HOW, no_replay=NO_REPLAY, no_installability=markdown.NO_INSTALLABILITY,
           probed=markdown.probed, uncompared=markdown.uncompared, opsets_how=markdown.OPSETS_HOW,
           written_text=markdown.written_text, predates_text=markdown.predates_text, distinct_text=distinct_text,
           invalid=invalid)
