"""The replay track's transitions: one converted model, adjacent onnxruntime releases, blamed on the runtime.

Replay records (convtrack.replay) are grouped by the artefact they ran, i.e. by (converter, case, opset, mode,
source cell) with the model's bytes held exactly fixed, and ordered along the onnxruntime axis alone (PEP 440).
Each adjacent pair of releases with a converter result on both sides is classified by the one classifier,
`transitions.classify`: a regression, fix or changed failure here is the runtime's by construction, since nothing
else differs between the two runs but the onnxruntime release (and the packages it pulls in, listed as
`also_changed`). Harness outcomes are never a side. Repeated replays make a transition `confirmed` when they agree
and `flaky` when they disagree, as on the converter track.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from convtrack.analysis import version_key
from convtrack.confounds import also_changed
from convtrack.outcomes import Outcome
from convtrack.transitions import State, Transition, TransitionKind, became_silent, classify

AXIS = "onnxruntime"
BLAME = "runtime"  # every replay transition's, by construction
Side = tuple[State, dict[str, Any]]
# A release older than the model's format cannot read it: onnx 1.17 writes IR version 10, which onnxruntime reads
# from 1.18, and a model of opset 23 (torch >= 2.8's dynamo exporter at its newest) fails onnxruntime 1.20's opset
# check ("ValidateOpsetForDomain ... Opset 23 is under development"). No runtime bug, and no fix when the next
# release can. Changes with such a side are set apart, under the name of what the release predates.
_PREDATES = {"IR version": re.compile(r"Unsupported model IR version"),
             "opset": re.compile(r"ValidateOpsetForDomain|Opset \d+ is under development")}


def predates(state: State) -> str | None:
    """What of the model the release could not read at all ("IR version", "opset"), or None."""
    if state.outcome is not Outcome.LOAD_ERROR:
        return None
    return next((what for what, found in _PREDATES.items() if found.search(state.signature or "")), None)


def model_key(row: dict[str, Any]) -> str:
    """The model a replay record ran: the digest of its ONNX bytes (`replay.model`, written by `replay.sources`);
    for replays recorded before records carried it, as far as they tell: the source cell, case, mode and the opset the
    converter wrote. The dynamo exporter writes one model (opset 18, the same bytes) for every opset asked below
    it, so its artefacts of 11, 13 and 15 are one model replayed three times, and one runtime change on it is one."""
    replayed = row.get("replay") or {}
    if replayed.get("model"):
        return f"sha256:{replayed['model']}"
    source = replayed.get("source_cell") or row.get("cell")
    return f"{source}|{row['case']}|{_mode(row)}|{row.get('produced_opset') or row['opset']}"


def _mode(row: dict[str, Any]) -> str:
    return row["mode"] if isinstance(row.get("mode"), str) else "-"  # "-": a converter without modes


def distinct(found: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Transitions per kind counted once per model and release pair (`model_key`), not once per asked opset."""
    seen: dict[str, set[tuple[Any, ...]]] = {k.value: set() for k in TransitionKind}
    for t in found:
        seen[str(t["kind"])].add((t["model"], t["before_version"], t["after_version"]))
    return {kind: len(keys) for kind, keys in seen.items()}


def _groups(rows: Iterable[dict[str, Any]]) -> dict[tuple[Any, ...], dict[str, list[Side]]]:
    """(converter, case, opset, mode, artefact) -> onnxruntime release -> (state, record), oldest first."""
    groups: dict[tuple[Any, ...], dict[str, list[Side]]] = defaultdict(lambda: defaultdict(list))
    for row in sorted(rows, key=lambda r: (str(r.get("created", "")), str(r.get("run_id", "")))):
        state = State.of(row)
        if state.harness or not row.get("artefact"):
            continue
        version = str((row.get("axes") or {}).get(AXIS) or (row.get("replay") or {}).get(AXIS))
        groups[(row["converter"], row["case"], int(row["opset"]), _mode(row), row["artefact"])][version].append(
            (state, row))
    return groups


def _side(sides: list[Side]) -> tuple[Side, bool, bool]:
    """The newest (state, record) of one release, whether repeats agree (confirmed), whether any disagrees."""
    flaky = any(not s.same(sides[0][0]) for s, _ in sides)
    return sides[-1], len(sides) >= 2 and not flaky, flaky


def lines(rows: Iterable[dict[str, Any]]) -> dict[tuple[Any, ...], list[tuple[str, State]]]:
    """(converter, case, opset, mode, artefact) -> the newest converter result of each onnxruntime release it was
    replayed on, as (release, state), oldest release first: one kept model's line along the runtime axis."""
    return {key: [(v, _side(by_version[v])[0][0]) for v in sorted(by_version, key=version_key)]
            for key, by_version in _groups(rows).items()}


def transitions(rows: Iterable[dict[str, Any]], apart: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
    """Every onnxruntime transition of the replay track: Transition.to_dict() plus `blame` ("runtime"), `track`,
    `artefact`, `source_cell`, `source_outcome` (the converting cell's outcome on the same model), sorted by
    converter, case, opset, mode and release. A change where one release could not read the model's IR version or
    opset (`predates`) is no transition; `apart`, when given, receives it with `set_apart` naming why."""
    found: list[dict[str, Any]] = []
    for (converter, case, opset, mode, artefact), by_version in _groups(rows).items():
        ordered = sorted(by_version, key=version_key)
        model = _model(by_version)
        for before_v, after_v in zip(ordered, ordered[1:], strict=False):
            (b, b_state), b_ok, b_flaky = _unpack(_side(by_version[before_v]))
            (a, a_state), a_ok, a_flaky = _unpack(_side(by_version[after_v]))
            kind = classify(b_state, a_state)
            if kind is None:
                continue
            counted, older = found, predates(b_state) or predates(a_state)
            if older:
                if apart is None:
                    continue
                counted = apart
            fixed = {k: str(v) for k, v in (a.get("axes") or {}).items() if k != AXIS}
            t = Transition(kind, converter, case, opset, mode, AXIS, before_v, after_v, b_state.outcome,
                           a_state.outcome, b_state.signature, a_state.signature, str(b["cell"]), str(a["cell"]),
                           fixed, confirmed=b_ok and a_ok, flaky=b_flaky or a_flaky,
                           also_changed=also_changed(b, a, [AXIS]), became_silent=became_silent(b_state, a_state))
            source = a.get("replay") or {}
            # the source cell's own verdict on the model: a failure that only shows once a release can load the
            # model (load_error -> mismatch) was there all along if the converting cell saw it too
            counted.append({**t.to_dict(), "blame": BLAME, "track": "replay", "artefact": artefact,
                            "model": model, "source_cell": source.get("source_cell"),
                            "source_outcome": source.get("source_outcome"),
                            **({"set_apart": older} if older else {})})
    return sorted(found, key=lambda t: (t["converter"], t["case"], t["opset"], t["mode"],
                                        version_key(t["before_version"])))


def _model(by_version: dict[str, list[Side]]) -> str:
    """One artefact's model key for all its transitions: its digest when any of its replays names it (replays
    recorded before 2026-12-01 do not), so two artefacts of the same bytes count once whatever replays a
    transition's sides are."""
    keys = {model_key(row) for sides in by_version.values() for _, row in sides}
    return min(keys, key=lambda k: (not k.startswith("sha256:"), k))


def _unpack(side: tuple[Side, bool, bool]) -> tuple[tuple[dict[str, Any], State], bool, bool]:
    (state, row), ok, flaky = side
    return (row, state), ok, flaky


def counts(found: Iterable[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Per onnxruntime release the transitions reach ("1.20.1 -> 1.21.1" is counted at 1.21.1): kind -> count."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: {k.value: 0 for k in TransitionKind})
    for t in found:
        out[str(t["after_version"])][str(t["kind"])] += 1
    return {v: dict(out[v]) for v in sorted(out, key=version_key)}


def table(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Outcome counts of the newest replay of each artefact, per (converter, source cell, onnxruntime release)."""
    newest: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in sorted(rows, key=lambda r: (str(r.get("created", "")), str(r.get("run_id", "")))):
        newest[(row["cell"], row.get("artefact"))] = row
    by: dict[tuple[str, str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in newest.values():
        source = str((row.get("replay") or {}).get("source_cell") or "")
        version = str((row.get("axes") or {}).get(AXIS))
        by[(row["converter"], source, version)][str(row["outcome"])] += 1
    return [{"converter": c, "source_cell": s, "onnxruntime": v, "outcomes": dict(n), "total": sum(n.values())}
            for (c, s, v), n in sorted(by.items(), key=lambda kv: (kv[0][0], kv[0][1], version_key(kv[0][2])))]
