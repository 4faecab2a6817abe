"""The findings: what the records say, computed once into one `Findings` object that `markdown` renders as
reports/FINDINGS.md and the site renders as findings.html.

Every figure is counted from the records: outcome shares in the failure analysis' shape per task and per case
(`shares`), beside the paper's own figures (`paper`); the silent share per release; regressions and fixes per release
pair from the one classifier, with blame (`pairs`); the longest-lived open failures (`lifetimes`); the compatibility
table with the framework releases that do not install here, from reports/installability/ (`compat`); the issue
reproducers whose observations differ from their issue (`issues`); and the onnxruntime replay track's runtime-only
transitions, themes and compatibility promise (`replay`), from reports/replay/.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from convtrack import gaps, installability_report, replay_track, witness
from convtrack.findings import compat, headlines, invalid, issues, lifetimes, opsets, pairs, paper, replay, rows, shares
from convtrack.findings.compat import CellCompat, Installability, SetApart
from convtrack.findings.issues import IssueReport
from convtrack.findings.lifetimes import Dates, OpenFailure
from convtrack.findings.opsets import Written
from convtrack.findings.pairs import Pair
from convtrack.findings.paper import Beside, Paper
from convtrack.findings.replay import Replay
from convtrack.findings.shares import ReleaseSilence, Shares
from convtrack.suite import Case

TOP_OPEN = 10


@dataclasses.dataclass
class Source:
    """What the figures were computed from."""

    records: int | None  # every record read, superseded ones included (None: not given)
    tasks: int  # newest record per task, full runs
    newest: str  # the newest record's timestamp
    probe_cells: list[str]  # partial runs left out ("converter cell")
    probe_tasks: int
    stale: int  # tasks whose newest record is of an older case source
    dates: str  # where release dates came from: "package index" or "none"
    withdrawn: list[str] = dataclasses.field(default_factory=list)  # "cell (run): why", runs left out by withdrawn.json


@dataclasses.dataclass
class Findings:
    source: Source
    headlines: list[str]  # the figures below in a few sentences
    case_rule: str
    shares: list[Shares]
    paper: Paper
    beside_paper: list[Beside]  # our figures beside the paper's, per converter and mode
    silent_by_release: list[ReleaseSilence]
    pairs: list[Pair]
    pair_totals: dict[str, int]
    blame_seen: bool
    blame_totals: dict[str, int]
    changes_set_apart: dict[str, int]  # changes set apart, per package that moved with them (pairs.set_apart_by)
    uncompared: list[gaps.Gap]  # adjacent versions no two cells compare (another axis moved with the step)
    open_failures: list[OpenFailure]
    open_total: int  # (converter, case, mode) with an open failure
    open_tied: int  # of them, as long-lived as the last one shown
    compatibility: list[CellCompat]
    set_apart: list[SetApart]  # every harness reason, over all cells
    issues: IssueReport | None  # None without the suite
    replay: Replay | None = None  # None without replay records
    # framework releases that do not install here, per converter (reports/installability/), and unreadable files
    not_installable: list[Installability] = dataclasses.field(default_factory=list)
    installability_problems: list[str] = dataclasses.field(default_factory=list)
    # where a converter wrote another opset than asked for (opsets.not_honoured)
    opsets_written: list[Written] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def packages(found: Iterable[rows.Row]) -> list[str]:
    """The release axes whose dates the open failures need (torch; tensorflow, tf2onnx)."""
    return sorted({a for r in found for a in rows.release_axes(r)})


def compute(latest: Iterable[Mapping[str, Any]], found: Iterable[Mapping[str, Any]], cases: list[Case] | None = None,
            dates: Callable[[list[str]], Dates] | None = None, records: int | None = None,
            replayed: Iterable[Mapping[str, Any]] = (), installable: Iterable[installability_report.Report] = (),
            unreadable: Iterable[str] = (), apart: Iterable[Mapping[str, Any]] = (),
            uncompared: Iterable[gaps.Gap] | None = None, withdrawn: Mapping[tuple[str, str], str] | None = None
            ) -> Findings:
    """The findings of the records whose newest record per task is `latest` (`rows.latest(analysis.load(...))`).

    `found`: every transition as `Transition.to_dict()` (from `transitions.scan(df)`, as `convtrack changes` lists
    them; the site passes the ones it already has). `cases`: the suite, for the issue reproducers' claims and the
    stale count. `dates`: packages -> their release dates, for the open failures' spans (None, or no
    answer: spans unknown); `lifetimes.index_dates` asks the package index. `records`: how many records were read.
    `replayed`: the replay track's records (`convtrack.replay.load(reports)`), for its own section.
    `installable`, `unreadable`: the installability files and the problems of those that could not be read
    (`installability_report.load_all(reports)`), for the releases that do not install beside the compatibility table.
    `apart`: the scan's not-comparable pairs (`NotComparable.to_dict()`), for the changes set apart per pair.
    `uncompared`: the scan's steps no two cells compare (`Scan.gaps`); None: found here from the newest rows.
    `withdrawn`: the runs of a cell left out of every reading (`convtrack.withdrawn.load`), named in the source line.
    """
    hashes = {c.id: c.hash for c in cases} if cases is not None else None
    newest = rows.newest(latest, hashes)
    steps = list(uncompared) if uncompared is not None else gaps.find(gaps.cells_of(newest.rows))
    found, replay_rows = list(found), [dict(r) for r in replayed]
    replay_apart: list[dict[str, Any]] = []
    replay_found = replay_track.transitions(replay_rows, replay_apart)
    seen = {**witness.from_replay(replay_found), **witness.witnesses(found)}
    counted = pairs.per_pair(found, newest.rows, apart, seen)
    known = dates(packages(newest.rows)) if dates is not None else {}
    top, total, tied = lifetimes.longest(newest.rows, known, TOP_OPEN)
    source = Source(records=records, tasks=len(newest.rows), newest=newest.newest,
                    probe_cells=[f"{c} {cell}" for c, cell in newest.probes], probe_tasks=newest.probe_rows,
                    stale=newest.stale, dates="package index" if known else "none",
                    withdrawn=[f"{cell} ({run}): {why}" for (run, cell), why in sorted((withdrawn or {}).items())])
    share_rows, figures = shares.outcome_shares(newest.rows), paper.figures()
    totals, cells = pairs.totals(counted), compat.table(newest.rows)
    report = issues.report(cases, newest.everything) if cases is not None else None
    replays = replay.compute(replay_rows, given=(replay_found, replay_apart))
    lines = [*headlines.headlines(share_rows, totals, len(counted), top, total, cells, report),
             replay.headline(replays), invalid.headline(replays.invalid if replays else [])]
    return Findings(
        source=source, headlines=[line for line in lines if line],
        case_rule=shares.CASE_RULE, shares=share_rows, paper=figures, beside_paper=paper.beside(share_rows, figures),
        silent_by_release=shares.silent_by_release(newest.rows), pairs=counted, pair_totals=totals,
        blame_seen=pairs.blame_seen(counted), blame_totals=pairs.by_verdict(counted),
        changes_set_apart=pairs.set_apart_by(counted), uncompared=steps,
        open_failures=top,
        open_total=total, open_tied=tied, compatibility=cells, set_apart=compat.set_apart(newest.rows),
        issues=report, replay=replays, not_installable=compat.not_installable(list(installable)),
        installability_problems=list(unreadable), opsets_written=opsets.not_honoured(newest.rows))
