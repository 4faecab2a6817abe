"""The onnxruntime replay track in the findings: runtime-only transitions, counted from the replay records.

The replay records (reports/replay/, read by `convtrack.replay.load`) hold one kept ONNX model fixed and change
only the onnxruntime release, so every transition here is the runtime's (`convtrack.replay_track`). Three views:

- per onnxruntime release pair (adjacent releases a model has converter results on): regressions, fixes and
  changed failures, over every source cell;
- the themes: transitions grouped by the failure they go into or out of (outcome and signature, compared as the
  classifier compares them), with the releases the failure shows on for those models;
- onnxruntime's promise that a newer release runs every model an older one ran: per release N, how many of the
  models that ran there (loaded and returned outputs: pass, mismatch or wrong_shape) fail to load or run on a later
  release, and the share of kept models that run on every release they were replayed on.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from convtrack import replay_track
from convtrack.analysis import version_key
from convtrack.findings import invalid
from convtrack.findings.headlines import distinct_text
from convtrack.outcomes import Outcome
from convtrack.transitions import State, TransitionKind, same_failure

TOP_THEMES = 8
EXAMPLES = 3  # cases named per theme


def runs(state: State) -> bool:
    """The model loaded and returned outputs (right or wrong): what the runtime's compatibility promise is about."""
    return state.outcome.rank >= Outcome.WRONG_SHAPE.rank


@dataclasses.dataclass
class ReplayPair:
    """The runtime-only changes between two adjacent onnxruntime releases, over every kept model."""

    before: str
    after: str
    models: int = 0  # models with a converter result on both releases
    regressions: int = 0
    became_silent: int = 0
    fixes: int = 0
    changed: int = 0


@dataclasses.dataclass
class Theme:
    """One failure (outcome and signature) the runtime's transitions go into or out of."""

    outcome: str
    signature: str | None
    regressions: int = 0  # into it (or a silent one out of a loud one)
    fixes: int = 0  # out of it, to pass
    changed: int = 0  # into or out of it from another failure
    models: int = 0
    releases: list[str] = dataclasses.field(default_factory=list)  # where those models show this failure
    cases: list[str] = dataclasses.field(default_factory=list)  # the first few, by id
    case_count: int = 0

    @property
    def transitions(self) -> int:
        return self.regressions + self.fixes + self.changed


@dataclasses.dataclass
class Promise:
    """Of the models that ran on one release, how many fail to load or run on a later one."""

    release: str
    ran: int
    fail_later: int
    first_failing: dict[str, int]  # the first later release each of them fails on -> models


@dataclasses.dataclass
class Replay:
    records: int
    releases: list[str]
    models: int  # kept models with a converter result on at least one release
    source_cells: list[str]
    pairs: list[ReplayPair]
    totals: dict[str, int]
    themes: list[Theme]  # the biggest, by transitions
    theme_count: int
    runs_everywhere: int  # models that ran on every release they were replayed on
    never_runs: int  # models no release ran
    broken_promise: int  # models that ran on one release and failed to load or run on a later one
    promise: list[Promise]
    runs_everywhere_share: float | None  # of the models
    promise_kept: float | None  # of the models that ran on some release: none fails on a later one
    predates: int = 0  # changes set apart: one release could not read the model's IR version (replay_track.predates)
    invalid: list[invalid.InvalidRan] = dataclasses.field(default_factory=list)  # invalid models, run anyway


Line = list[tuple[str, State]]


def _pairs(lines: Mapping[tuple[Any, ...], Line], found: Iterable[Mapping[str, Any]]) -> list[ReplayPair]:
    pairs: dict[tuple[str, str], ReplayPair] = {}
    for line in lines.values():
        for (before, _), (after, _) in zip(line, line[1:], strict=False):
            pairs.setdefault((before, after), ReplayPair(before, after)).models += 1
    for t in found:
        p = pairs.setdefault((str(t["before_version"]), str(t["after_version"])),
                             ReplayPair(str(t["before_version"]), str(t["after_version"])))
        kind = TransitionKind(t["kind"])
        if kind is TransitionKind.REGRESSION:
            p.regressions += 1
            p.became_silent += bool(t.get("became_silent"))
        elif kind is TransitionKind.FIX:
            p.fixes += 1
        else:
            p.changed += 1
    return sorted(pairs.values(), key=lambda p: (version_key(p.after), version_key(p.before)))


def _theme(themes: list[Theme], outcome: str, signature: str | None) -> Theme:
    for theme in themes:
        if theme.outcome == outcome and same_failure(theme.signature, signature):
            return theme
    themes.append(Theme(outcome, signature))
    return themes[-1]


def _failing(t: Mapping[str, Any]) -> list[tuple[str, str | None]]:
    """The failures a transition touches: the newer side of a regression, the older of a fix, both of a change."""
    kind = TransitionKind(t["kind"])
    before = (str(t["before_outcome"]), t.get("before_signature"))
    after = (str(t["after_outcome"]), t.get("after_signature"))
    if kind is TransitionKind.FIX:
        return [before]
    if kind is TransitionKind.REGRESSION:
        return [after]
    return [before, after]


def _themes(lines: Mapping[tuple[Any, ...], Line], found: Iterable[Mapping[str, Any]]) -> list[Theme]:
    themes: list[Theme] = []
    keys: dict[int, set[tuple[Any, ...]]] = defaultdict(set)
    for t in found:
        for outcome, signature in _failing(t):
            theme = _theme(themes, outcome, signature)
            kind = TransitionKind(t["kind"])
            if kind is TransitionKind.REGRESSION:
                theme.regressions += 1
            elif kind is TransitionKind.FIX:
                theme.fixes += 1
            else:
                theme.changed += 1
            keys[id(theme)].add((t["converter"], t["case"], int(t["opset"]), t["mode"], t["artefact"]))
    for theme in themes:
        models = keys[id(theme)]
        failure = State(Outcome(theme.outcome), theme.signature)
        shown = {v for key in models for v, state in lines.get(key, []) if state.same(failure)}
        cases = sorted({key[1] for key in models})
        theme.models, theme.releases = len(models), sorted(shown, key=version_key)
        theme.cases, theme.case_count = cases[:EXAMPLES], len(cases)
    return sorted(themes, key=lambda t: (-t.transitions, -t.models, t.outcome, t.signature or ""))


def _promise(lines: Mapping[tuple[Any, ...], Line], releases: list[str]) -> list[Promise]:
    out = []
    for release in releases:
        ran = fail_later = 0
        first: dict[str, int] = defaultdict(int)
        for line in lines.values():
            at = next((i for i, (v, _) in enumerate(line) if v == release), None)
            if at is None or not runs(line[at][1]):
                continue
            ran += 1
            failing = next((v for v, state in line[at + 1:] if not runs(state)), None)
            if failing is not None:
                fail_later += 1
                first[failing] += 1
        out.append(Promise(release, ran, fail_later, {v: first[v] for v in sorted(first, key=version_key)}))
    return out


def _broke(line: Line) -> bool:
    ran = False
    for _, state in line:
        if runs(state):
            ran = True
        elif ran:
            return True
    return False


def compute(rows: Iterable[Mapping[str, Any]], top: int = TOP_THEMES,
            given: tuple[list[dict[str, Any]], list[dict[str, Any]]] | None = None) -> Replay | None:
    """The replay findings of the replay records `rows` (`convtrack.replay.load(reports)`); None without any.

    `given`: their transitions and the changes set apart, when the caller has them (`replay_track.transitions`)."""
    records = [dict(r) for r in rows]
    if not records:
        return None
    lines = replay_track.lines(records)
    if given is None:
        apart: list[dict[str, Any]] = []
        given = replay_track.transitions(records, apart), apart
    found, apart = given
    releases = sorted({v for line in lines.values() for v, _ in line}, key=version_key)
    pairs = _pairs(lines, found)
    totals = {"regressions": sum(p.regressions for p in pairs), "became_silent": sum(p.became_silent for p in pairs),
              "fixes": sum(p.fixes for p in pairs), "changed": sum(p.changed for p in pairs),
              "unconfirmed": sum(not t.get("confirmed") for t in found if t["kind"] != TransitionKind.CHANGED.value),
              "flaky": sum(bool(t.get("flaky")) for t in found)}
    totals.update({f"distinct_{k}": n for k, n in replay_track.distinct(found).items()})
    themes = _themes(lines, found)
    never = sum(not any(runs(s) for _, s in line) for line in lines.values())
    broken = sum(_broke(line) for line in lines.values())
    everywhere = sum(all(runs(s) for _, s in line) for line in lines.values())
    sources = sorted({str((r.get("replay") or {}).get("source_cell") or "") for r in records} - {""})
    return Replay(
        records=len(records), releases=releases, models=len(lines), source_cells=sources, pairs=pairs, totals=totals,
        themes=themes[:top], theme_count=len(themes),
        runs_everywhere=everywhere, runs_everywhere_share=everywhere / len(lines) if lines else None,
        never_runs=never,
        broken_promise=broken, promise=_promise(lines, releases),
        promise_kept=1 - broken / (len(lines) - never) if len(lines) > never else None, predates=len(apart),
        invalid=invalid.ran_anyway(records))


def span(releases: list[str], every: list[str]) -> str:
    """Releases as runs of adjacent ones on the replay axis: '1.21.1–1.23.2, 1.25.0'."""
    at = {v: i for i, v in enumerate(every)}
    runs_: list[list[str]] = []
    for v in releases:
        if runs_ and at.get(v, -2) == at.get(runs_[-1][-1], -9) + 1:
            runs_[-1].append(v)
        else:
            runs_.append([v])
    return ", ".join(r[0] if len(r) == 1 else f"{r[0]}–{r[-1]}" for r in runs_)


def headline(r: Replay | None) -> str:
    if r is None:
        return ""
    t = r.totals
    share = f"{100 * r.runs_everywhere_share:.1f} %" if r.runs_everywhere_share is not None else "–"
    return (f"Replaying {r.models} kept models on {len(r.releases)} onnxruntime releases: {t['regressions']} "
            f"regressions, {t['fixes']} fixes and {t['changed']} changed failures, all the runtime's ("
            f"{distinct_text(t['distinct_regression'], t['distinct_fix'])}); {share} of the "
            f"models run on every release, and {r.broken_promise} ran on one release and fail on a later one.")
