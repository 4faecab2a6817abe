"""Blame on the read side: the verdict each record carries, and the second witness from other onnxruntime releases.

The cell records `blame` once, at the source (convtrack.cell.blame). Here it is read typed (`Shown`) and set
beside the **second witness**: where the same case, opset and mode changed outcome between two adjacent
onnxruntime releases with everything else held equal (a transition along the `onnxruntime` axis with nothing else
changed, as `transitions.classify` decides it), the failing side is onnxruntime's, whatever the reference
evaluator could tell. `shown` combines the two: the recorded verdict stays the record's; an `unknown` or a
not-assessed one that the witness explains reads `runtime` with the witness named; a recorded verdict the witness
contradicts keeps its value and shows the witness next to it. The replay track is a witness too (`from_replay`):
the same model replayed at the converting cell's own onnxruntime and at an adjacent release, all else held. Every
reader (site, changes, gate, signatures) calls `shown`, so they agree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from convtrack.store import BLAMED_OUTCOMES, NOT_ASSESSED, parse_cell

VERDICTS = ("converter", "runtime", "model-spec", "unknown", NOT_ASSESSED)
RUNTIME_AXIS = "onnxruntime"

Key = tuple[str, str, str, int, str]  # converter, cell, case, opset, mode ("-" when none)


def key_of(rec: Mapping[str, Any]) -> Key:
    mode = rec.get("mode")
    return (str(rec["converter"]), str(rec["cell"]), str(rec["case"]), int(rec["opset"]),
            mode if isinstance(mode, str) and mode else "-")


@dataclasses.dataclass(frozen=True)
class Shown:
    """What a reader shows for one record's blame."""

    verdict: str  # one of VERDICTS: the recorded one, or `runtime` when only the witness says so
    recorded: str  # the verdict in the record
    reason: str
    witness: str | None = None  # e.g. "onnxruntime 1.23.2: pass (torch 2.15.0 held)"
    source: str = "record"  # "record", "record+witness" (both say runtime) or "witness"

    @property
    def label(self) -> str:
        extra = {"record": "", "record+witness": " (confirmed by another onnxruntime)",
                 "witness": " (by another onnxruntime)"}[self.source]
        if self.witness and self.source == "record":
            extra = f" (yet {self.witness})"
        return self.verdict + extra

    def to_dict(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self), "label": self.label}


def _get(t: Any, name: str) -> Any:
    return t[name] if isinstance(t, Mapping) else getattr(t, name)


def _failing_sides(t: Any) -> Iterator[tuple[str, str]]:
    """("before", "after") and/or ("after", "before"): each side of a transition whose outcome is blamed, with the
    other side (what the other release gave)."""
    for side, other in (("before", "after"), ("after", "before")):
        if str(_get(t, f"{side}_outcome")) in BLAMED_OUTCOMES:
            yield side, other


def witnesses(transitions: Iterable[Any]) -> dict[Key, str]:
    """Failing sides of outcome changes along the onnxruntime axis alone -> what the other release gave.

    `transitions`: Transition objects or their `to_dict()` forms."""
    found: dict[Key, str] = {}
    for t in transitions:
        if str(_get(t, "axis")) != RUNTIME_AXIS or _get(t, "also_changed"):
            continue
        held = ", ".join(f"{k} {v}" for k, v in (_get(t, "fixed") or {}).items() if k not in ("onnx",))
        for side, other in _failing_sides(t):
            key = (str(_get(t, "converter")), str(_get(t, f"{side}_cell")), str(_get(t, "case")),
                   int(_get(t, "opset")), str(_get(t, "mode")))
            found[key] = (f"onnxruntime {_get(t, f'{other}_version')}: {_get(t, f'{other}_outcome')}"
                          + (f" ({held} held)" if held else ""))
    return found


def from_replay(replay_transitions: Iterable[Mapping[str, Any]]) -> dict[Key, str]:
    """Witnesses from the replay track (`replay_track.transitions`): where the side replayed at the converting
    cell's own onnxruntime failed and an adjacent release gave otherwise, the converting cell's record of that
    task is explained by the runtime (its model is the replayed one: the replay plans the newest kept artefact)."""
    found: dict[Key, str] = {}
    for t in replay_transitions:
        source = str(t.get("source_cell") or "")
        own = parse_cell(source).get(RUNTIME_AXIS) if source else None
        for side, other in _failing_sides(t):
            if str(t[f"{side}_version"]) != own:
                continue
            key = (str(t["converter"]), source, str(t["case"]), int(t["opset"]), str(t.get("mode") or "-"))
            found[key] = f"onnxruntime {t[f'{other}_version']}: {t[f'{other}_outcome']} (the same model, replayed)"
    return found


# Failures whose stage alone names the converter: no model, or no valid one, exists to run under the reference
# evaluator, and the harness's own errors are recorded apart (`harness_error`, `build_error`), so these are the
# converter's by construction (as the replay track's transitions are the runtime's).
BY_STAGE = {"convert_error": "by stage: the exporter raised while converting (errors of the harness's own code are "
                             "recorded as harness_error)",
            "invalid_model": "by stage: onnx.checker rejects the model the converter wrote"}


def recorded(rec: Mapping[str, Any]) -> dict[str, Any] | None:
    """The record's blame, or None where blame does not apply."""
    blame = rec.get("blame")
    if isinstance(blame, Mapping) and blame.get("verdict"):
        return dict(blame)
    if str(rec.get("outcome")) in BY_STAGE:
        return {"verdict": "converter", "reason": BY_STAGE[str(rec.get("outcome"))], "reference": None}
    if str(rec.get("outcome")) in BLAMED_OUTCOMES:  # a reader handed an un-upgraded row
        return {"verdict": NOT_ASSESSED, "reason": "no blame in the record", "reference": None}
    return None


def shown(rec: Mapping[str, Any], found: Mapping[Key, str]) -> Shown | None:
    blame = recorded(rec)
    if blame is None:
        return None
    verdict, reason = str(blame["verdict"]), str(blame.get("reason") or "")
    witness = found.get(key_of(rec)) if found else None
    if witness is None:
        return Shown(verdict, verdict, reason)
    if verdict == "runtime":
        return Shown(verdict, verdict, reason, witness, "record+witness")
    if verdict in ("unknown", NOT_ASSESSED):
        return Shown("runtime", verdict, f"{reason}; the outcome changes with onnxruntime alone: {witness}",
                     witness, "witness")
    return Shown(verdict, verdict, reason, witness, "record")


def annotate(rows: Iterable[dict[str, Any]], transitions: Iterable[Any],
             replay_transitions: Iterable[Mapping[str, Any]] = ()) -> None:
    """Set `blame_shown` (a Shown or None) on each row, for templates and tables."""
    found = {**from_replay(replay_transitions), **witnesses(transitions)}
    for r in rows:
        r["blame_shown"] = shown(r, found)


def annotate_transitions(transitions: Iterable[dict[str, Any]], rows: Iterable[Mapping[str, Any]]) -> None:
    """Set `blame` (the shown verdict of the failing side: a fix's before, else the after) on transition dicts;
    `rows` carry `blame_shown` (see annotate)."""
    by_key = {key_of(r): r.get("blame_shown") for r in rows}
    for t in transitions:
        side = "before" if str(t["kind"]) == "fix" else "after"
        s = by_key.get((str(t["converter"]), str(t[f"{side}_cell"]), str(t["case"]), int(t["opset"]),
                        str(t["mode"] or "-")))
        t["blame"] = s.verdict if isinstance(s, Shown) else None


def verdict_of(rec: Mapping[str, Any], found: Mapping[Key, str] | None = None) -> str | None:
    s = shown(rec, found or {})
    return s.verdict if s else None
