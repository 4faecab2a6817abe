"""Regressions and fixes grouped by the change behind them: one upstream change breaks or fixes many cases at once.

A release that drops an operator from the dynamo exporter's registry at one opset turns fifty passing cases into
fifty `convert_error`s with one signature: fifty regressions in `convtrack changes`, one thing a maintainer has to
look at. A *cause* is the failing side's normalised signature (`outcomes.signature_key`, the one normaliser; a
silent failure has no error text, so its outcome stands in) for one kind of change, in one mode, between one pair of
releases of one axis. Counting causes next to transitions says how many distinct changes a release made; two
causes may still share one upstream commit, so the count is an upper bound, never a lower one.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any

from convtrack.analysis import version_key
from convtrack.outcomes import signature_key
from convtrack.transitions import Transition, TransitionKind

# converter, axis, before version, after version, kind, mode, failing side's signature key
CauseKey = tuple[str, str, str, str, str, str, str]


def failing_signature(kind: str, before: tuple[str, str | None], after: tuple[str, str | None]) -> str:
    """The normalised signature of the side that fails (a fix's before, else the after), each side given as
    (outcome, signature); "(outcome)" when that failure has no error text (a mismatch, a wrong shape)."""
    outcome, signature = before if kind == TransitionKind.FIX.value else after
    return signature_key(signature) if signature else f"({outcome})"


def key_of(t: Transition | Mapping[str, Any]) -> CauseKey:
    """The cause of a transition (a Transition, or its to_dict())."""
    d = t.to_dict() if isinstance(t, Transition) else t
    kind = str(d["kind"])
    failing = failing_signature(kind, (str(d["before_outcome"]), d.get("before_signature")),
                                (str(d["after_outcome"]), d.get("after_signature")))
    return (str(d["converter"]), str(d["axis"]), str(d["before_version"]), str(d["after_version"]), kind,
            str(d.get("mode") or "-"), failing)


@dataclasses.dataclass
class Cause:
    """The transitions that one normalised failure explains, between one pair of releases."""

    key: CauseKey
    signature: str  # the failing side's stored signature of the first transition (or "(outcome)")
    transitions: int = 0
    cases: set[str] = dataclasses.field(default_factory=set)
    opsets: set[int] = dataclasses.field(default_factory=set)

    @property
    def converter(self) -> str:
        return self.key[0]

    @property
    def step(self) -> str:
        return f"{self.key[1]} {self.key[2]} -> {self.key[3]}"

    @property
    def kind(self) -> str:
        return self.key[4]

    @property
    def mode(self) -> str:
        return self.key[5]

    def to_dict(self) -> dict[str, Any]:
        return {"converter": self.converter, "axis": self.key[1], "before_version": self.key[2],
                "after_version": self.key[3], "kind": self.kind, "mode": self.mode, "key": self.key[6],
                "signature": self.signature, "transitions": self.transitions, "cases": sorted(self.cases),
                "opsets": sorted(self.opsets)}


def group(found: Iterable[Transition], kinds: tuple[TransitionKind, ...] = (TransitionKind.REGRESSION,
                                                                             TransitionKind.FIX)) -> list[Cause]:
    """One Cause per distinct key among the transitions of `kinds`, the ones explaining most first."""
    out: dict[CauseKey, Cause] = {}
    for t in found:
        if t.kind not in kinds:
            continue
        key = key_of(t)
        cause = out.get(key)
        if cause is None:
            stored = t.before_signature if t.kind is TransitionKind.FIX else t.after_signature
            cause = out[key] = Cause(key, stored or key[6])
        cause.transitions += 1
        cause.cases.add(t.case)
        cause.opsets.add(t.opset)
    return sorted(out.values(), key=lambda c: (-c.transitions, c.converter, c.key[1], version_key(c.key[3]),
                                               c.kind, c.mode, c.key[6]))


def table(causes: list[Cause], width: int = 110) -> str:
    """The causes as a plain-text table (`changes --by-cause`)."""
    if not causes:
        return "no regressions or fixes"
    header = ("transitions", "cases", "kind", "converter", "step", "mode", "opsets", "failing side's signature")
    rows = [header] + [(str(c.transitions), str(len(c.cases)), c.kind, c.converter, c.step, c.mode,
                        " ".join(map(str, sorted(c.opsets))),
                        c.signature[:width] + ("…" if len(c.signature) > width else "")) for c in causes]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header) - 1)]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=False)) + "  " + r[-1] for r in rows)
