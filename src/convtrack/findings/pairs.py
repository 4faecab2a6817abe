"""Regressions and fixes per release pair, counted from `transitions.scan` (the one classifier, so these are the
counts `convtrack changes` lists), with the records' blame where they carry it.

A release pair is two adjacent cells along one axis with the other axes held equal (`before_cell`, `after_cell`).
Blame is read from the record that shows the failure: the newer one of a regression, the older one of a fix.
Records carry it as `{"verdict": "converter" | "runtime" | "model-spec" | "unknown", "reason": ...}` (an upgraded
record written before blame existed: "not-assessed"), or not at all; any other verdict text is shown as it is.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from convtrack import causes, transitions, witness
from convtrack.analysis import version_key
from convtrack.findings.rows import Row

VERDICTS = ("converter", "runtime", "model-spec", "unknown")
NOT_ASSESSED = "not-assessed"  # recorded before blame was assessed
NONE = "none"  # the record carries no blame


def blame_of(record: Mapping[str, Any] | None, seen: Mapping[witness.Key, str] | None = None) -> str:
    """The record's blame verdict as every reader shows it (witness.shown: a convert_error or invalid_model is
    the converter's by stage; an unknown one a second witness explains is the runtime's); NONE when no verdict
    applies or the field holds no verdict text (read tolerantly)."""
    try:
        blame = witness.recorded(record or {})
        verdict = blame.get("verdict") if isinstance(blame, Mapping) else None
        if not (isinstance(verdict, str) and verdict.strip()):
            return NONE
        shown = witness.shown(record or {}, seen or {}) if seen else None
    except (KeyError, TypeError, ValueError):
        return NONE
    return shown.verdict if shown is not None else verdict.strip()


@dataclasses.dataclass
class Pair:
    """The changes between two adjacent releases of one axis, the other axes held equal."""

    converter: str
    axis: str
    before: str
    after: str
    held: dict[str, str]
    before_cell: str
    after_cell: str
    regressions: int = 0
    became_silent: int = 0  # of the regressions: a loud failure that became a wrong answer
    fixes: int = 0
    changed: int = 0  # a failure that became another failure: neither
    unconfirmed: int = 0  # regressions and fixes seen once, not repeated
    flaky: int = 0
    blame: dict[str, int] = dataclasses.field(default_factory=dict)  # verdict -> regressions and fixes
    # outcome changes left out because a package outside the axes moved too (transitions.NotComparable.stack):
    # how many, and per package that moved (a change may name two)
    set_apart: int = 0
    set_apart_by: dict[str, int] = dataclasses.field(default_factory=dict)
    # the distinct causes of the regressions and fixes (causes.key_of: one normalised failing signature per kind
    # and mode): one upstream change that breaks fifty cases is one cause
    cause_keys: set[causes.CauseKey] = dataclasses.field(default_factory=set, repr=False)
    # the models the regressions and fixes change (transitions.model_key): an exporter that wrote one opset for
    # several asked ones changed one model, not several
    model_keys: set[tuple[Any, ...]] = dataclasses.field(default_factory=set, repr=False)

    @property
    def causes(self) -> int:
        return len(self.cause_keys)


Key = tuple[str, str, str, int, str]  # converter, cell, case, opset, mode


def _index(rows: Iterable[Row]) -> dict[Key, Row]:
    return {(r["converter"], r["cell"], r["case"], int(r["opset"]), r["mode"]): r for r in rows}


def _count(pair: Pair, t: Mapping[str, Any], records: Mapping[Key, Row], seen: Mapping[Key, str]) -> None:
    kind = transitions.TransitionKind(t["kind"])
    if kind is transitions.TransitionKind.CHANGED:
        pair.changed += 1
        return
    if kind is transitions.TransitionKind.REGRESSION:
        pair.regressions += 1
        pair.became_silent += bool(t.get("became_silent"))
    else:
        pair.fixes += 1
    pair.cause_keys.add(causes.key_of(t))
    pair.model_keys.add(transitions.model_key(t))
    pair.unconfirmed += not t.get("confirmed")
    pair.flaky += bool(t.get("flaky"))
    failing = t["after_cell"] if kind is transitions.TransitionKind.REGRESSION else t["before_cell"]
    verdict = blame_of(records.get((t["converter"], failing, t["case"], int(t["opset"]), t["mode"])), seen)
    pair.blame[verdict] = pair.blame.get(verdict, 0) + 1


def _pair_of(pairs: dict[tuple[str, str, str], Pair], t: Mapping[str, Any]) -> Pair:
    key = (t["converter"], t["before_cell"], t["after_cell"])
    if key not in pairs:
        pairs[key] = Pair(t["converter"], t["axis"], str(t["before_version"]), str(t["after_version"]),
                          dict(t.get("fixed") or {}), t["before_cell"], t["after_cell"])
    return pairs[key]


def per_pair(found: Iterable[Mapping[str, Any]], rows: Iterable[Row], apart: Iterable[Mapping[str, Any]] = (),
             seen: Mapping[Key, str] | None = None) -> list[Pair]:
    """One Pair per (converter, before cell, after cell) with a transition or a change set apart; `found` as
    Transition.to_dict(), `apart` as NotComparable.to_dict() (only those set apart for a package that moved,
    with their cells, count: a changed case source is no outcome change); `seen`: the second witnesses
    (witness.witnesses, witness.from_replay) the blame is shown with."""
    records = _index(rows)
    pairs: dict[tuple[str, str, str], Pair] = {}
    for t in found:
        _count(_pair_of(pairs, t), t, records, seen or {})
    for n in apart:
        if n.get("stack") and n.get("before_cell") and n.get("after_cell"):
            pair = _pair_of(pairs, n)
            pair.set_apart += 1
            for package in n["stack"]:
                pair.set_apart_by[package] = pair.set_apart_by.get(package, 0) + 1
    for pair in pairs.values():
        pair.blame = {k: pair.blame[k] for k in sorted(pair.blame, key=verdict_order)}
    return sorted(pairs.values(), key=lambda p: (p.converter, p.axis, version_key(p.after),
                                                  tuple(version_key(v) for v in p.held.values()), p.before_cell))


def totals(pairs: Iterable[Pair]) -> dict[str, int]:
    out: Counter[str] = Counter()
    for p in pairs:
        out.update(regressions=p.regressions, became_silent=p.became_silent, fixes=p.fixes, changed=p.changed,
                   unconfirmed=p.unconfirmed, flaky=p.flaky, set_apart=p.set_apart, causes=p.causes)
        out.update(f"distinct_{key[0]}" for key in p.model_keys)
    return {k: out[k] for k in ("regressions", "became_silent", "fixes", "changed", "unconfirmed", "flaky",
                                "set_apart", "causes", "distinct_regression", "distinct_fix")}


def set_apart_by(pairs: Iterable[Pair]) -> dict[str, int]:
    """Changes set apart per package that moved with them, over every pair, most first."""
    out: Counter[str] = Counter()
    for p in pairs:
        out.update(p.set_apart_by)
    return dict(out.most_common())


def blame_seen(pairs: Iterable[Pair]) -> bool:
    """Whether any counted change's record carries an assessed verdict (else the blame column is left out)."""
    return any(v for p in pairs for k, v in p.blame.items() if k not in (NONE, NOT_ASSESSED))


def verdict_order(verdict: str) -> tuple[int, str]:
    known = (*VERDICTS, NOT_ASSESSED)
    return (known.index(verdict) if verdict in known else len(known) + (verdict == NONE), verdict)


def by_verdict(pairs: Iterable[Pair]) -> dict[str, int]:
    out: dict[str, int] = defaultdict(int)
    for p in pairs:
        for k, v in p.blame.items():
            out[k] += v
    return {k: out[k] for k in sorted(out, key=verdict_order) if out[k]}
