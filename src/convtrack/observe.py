"""What our own runs show for each issue case: the `observed` value of its CASE dict, derived from records.

An issue case states what its GitHub issue reports (`stated`); `observed` says what the committed records show,
one entry per release we ran ("torch 2.1.2", "tensorflow 2.15.1 + tf2onnx 1.17.0") plus `agrees_with_issue`,
a sentence that starts with yes / partly / no / unknown / n/a. `observe` computes it; `write` puts it into the case
file in place of the old value (the case hash ignores `observed`, so this never makes a record stale).
"""

from __future__ import annotations

import dataclasses
import json
import textwrap
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from convtrack.analysis import version_key
from convtrack.outcomes import Outcome
from convtrack.suite import Case, value_span

HARNESS = {Outcome.NOT_APPLICABLE.value, Outcome.ENV_ERROR.value, Outcome.BUILD_ERROR.value}
# Words of a `stated.symptom` and the outcomes that show that symptom. Checked in order; several may match.
SYMPTOMS: tuple[tuple[tuple[str, ...], frozenset[str]], ...] = (
    (("wrong-output", "nan", "wrong output"), frozenset({"mismatch"})),
    (("wrong-shape", "wrong-dtype", "output/shape"), frozenset({"wrong_shape"})),
    (("export", "crash"), frozenset({"convert_error", "crash", "timeout"})),
    (("invalid",), frozenset({"invalid_model", "load_error"})),
    (("ort-load", "ort load", "ort session"), frozenset({"load_error", "invalid_model"})),
    (("ort-runtime", "runtime"), frozenset({"run_error"})),
)
UNJUDGED = ("structural", "performance")


@dataclasses.dataclass(frozen=True)
class Observation:
    case: str
    releases: dict[str, str]
    agrees: str

    def as_meta(self) -> dict[str, str]:
        return {**self.releases, "agrees_with_issue": self.agrees}


def release_label(record: Mapping[str, Any]) -> str:
    """The release a record speaks for: the framework, plus the converter when it is a separate package."""
    versions = record.get("versions") or {}
    if record.get("converter") == "tf2onnx":
        return f"tensorflow {versions.get('tensorflow', '?')} + tf2onnx {versions.get('tf2onnx', '?')}"
    framework = record.get("framework") or "torch"
    return f"{framework} {versions.get(framework, '?')}"


def expected_outcomes(symptom: str) -> frozenset[str]:
    text = symptom.lower()
    found: set[str] = set()
    for words, outcomes in SYMPTOMS:
        if any(w in text for w in words):
            found |= outcomes
    return frozenset(found)


def _describe(records: Iterable[Mapping[str, Any]]) -> str:
    """'legacy: pass @17, mismatch @18; dynamo: convert_error @18' (no mode prefix for mode-less converters)."""
    by_mode: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for r in sorted(records, key=lambda r: (str(r.get("mode") or ""), int(r["opset"]))):
        mode = str(r.get("mode") or "")
        by_mode["" if mode == "-" else mode][r["outcome"]].append(int(r["opset"]))
    parts = []
    for mode, outcomes in by_mode.items():
        text = ", ".join(f"{o} @{' '.join(str(x) for x in sorted(set(ops)))}" for o, ops in outcomes.items())
        parts.append(f"{mode}: {text}" if mode else text)
    return "; ".join(parts)


def _key(label: str) -> tuple[Any, ...]:
    """PEP 440 order of every version in a label ("tensorflow 2.9.1 + tf2onnx 1.17.0")."""
    return tuple(version_key(word) for word in label.split())


def structural(expect: Mapping[str, Any], by_label: Mapping[str, list[Mapping[str, Any]]]
               ) -> tuple[list[str], list[str]]:
    """(releases whose converted models show the structural symptom, releases with a model to inspect).

    `expect` is a case's `expect_ops`: ops the fixed converter emits (`present`), ops it must not (`absent`),
    checked on records from `min_opset` on.
    """
    present, absent = list(expect.get("present", [])), list(expect.get("absent", []))
    showing, checked = [], []
    for label, records in by_label.items():
        models: list[Mapping[str, int]] = [
            ops for r in records if int(r["opset"]) >= expect.get("min_opset", 0)
            and (ops := (r.get("model") or {}).get("ops"))]
        if not models:
            continue
        checked.append(label)
        if any(any(op not in ops for op in present) or any(op in ops for op in absent) for ops in models):
            showing.append(label)
    return showing, checked


def _want(expect: Mapping[str, Any]) -> str:
    parts = [*expect.get("present", []), *(f"no {op}" for op in expect.get("absent", []))]
    return ", ".join(parts) + (f" from opset {expect['min_opset']}" if expect.get("min_opset") else "")


def agreement(stated: Mapping[str, Any], by_label: Mapping[str, list[Mapping[str, Any]]],
              expect_ops: Mapping[str, Any] | None = None) -> str:
    symptom = str(stated.get("symptom", ""))
    shown: dict[str, list[str]] = defaultdict(list)
    for label, records in by_label.items():
        for outcome in sorted({r["outcome"] for r in records} - HARNESS):
            shown[outcome].append(label)
    failures = {o: labels for o, labels in shown.items() if o != Outcome.PASS.value}
    passing = shown.get(Outcome.PASS.value, [])

    def where(outcomes: Iterable[str]) -> str:
        return "; ".join(f"{o} on {', '.join(shown[o])}" for o in sorted(outcomes))

    seen = f"; failures seen: {where(failures)}" if failures else ""
    if expect_ops:
        showing, checked = structural(expect_ops, by_label)
        if not checked:
            return f"unknown: no converted model to inspect for {_want(expect_ops)}{seen}"
        if showing:
            return f"yes: the converted model lacks {_want(expect_ops)} on {', '.join(showing)}{seen}"
        return f"no: {_want(expect_ops)} in every converted model ({len(checked)} releases){seen}"
    if any(w in symptom.lower() for w in UNJUDGED):
        return f"n/a: the issue is {symptom!r}, which no outcome shows (read the records' op histograms){seen}"
    if not shown:
        return "unknown: no run produced a converter result (only harness outcomes)"
    wanted = expected_outcomes(symptom)
    hits = set(failures) & wanted
    tail = f" ({len(passing)} of {len(by_label)} releases pass in some mode/opset)" if passing else ""
    if hits:
        return f"yes: {where(hits)}{tail}"
    if failures:
        return f"partly: the issue states {symptom!r}; our runs show {where(failures)}{tail}"
    return (f"no: passes on all {len(passing)} releases we ran: fixed before them, or this reproducer misses "
            "the trigger")


def observe(case: Case, records: Iterable[Mapping[str, Any]]) -> Observation | None:
    """The observation of one case from its records of the current case hash; None when there are none.

    A release run in several cells (torch 2.15.0 with two onnxruntime releases) keeps its plain label for the
    cell with the most records; the others are labelled with their cell id, so outcomes are never mixed.
    """
    by_cell: dict[tuple[str, str], list[Mapping[str, Any]]] = defaultdict(list)
    for r in records:
        if r.get("case") == case.id and r.get("case_hash") == case.hash:
            by_cell[(release_label(r), str(r.get("cell", "")))].append(r)
    if not by_cell:
        return None
    by_label: dict[str, list[Mapping[str, Any]]] = {}
    for label in sorted({label for label, _ in by_cell}, key=_key):
        cells = sorted((c for lb, c in by_cell if lb == label), key=lambda c: (-len(by_cell[(label, c)]), c))
        for i, cell in enumerate(cells):
            by_label[label if i == 0 else f"{label} ({cell})"] = by_cell[(label, cell)]
    releases = {label: _describe(recs) for label, recs in by_label.items()}
    return Observation(case.id, releases, agreement(case.meta.get("stated") or {}, by_label,
                                                    case.meta.get("expect_ops")))


# ---- writing the value into the case file ---------------------------------------------------------------------

def _literal(meta: Mapping[str, str], indent: int, width: int = 120) -> str:
    pad = " " * (indent + 4)
    lines = ["{"]
    for key, value in meta.items():
        head = f"{pad}{json.dumps(key)}: "
        room = max(40, width - len(head) - 4)
        chunks = textwrap.wrap(value, room, drop_whitespace=False) or [""]
        if len(chunks) == 1:
            lines.append(f"{head}{json.dumps(value)},")
            continue
        inner = " " * (len(head) + 1)
        lines.append(f"{head}({json.dumps(chunks[0])}")
        lines.extend(f"{inner}{json.dumps(c)}" for c in chunks[1:-1])
        lines.append(f"{inner}{json.dumps(chunks[-1])}),")
    lines.append(" " * indent + "}")
    return "\n".join(lines)


def write(path: Path, meta: Mapping[str, str]) -> bool:
    """Replace the value of CASE["observed"] in the case file; True when the file changed."""
    data = path.read_bytes()
    span = value_span(data, "observed")
    if span is None:
        raise ValueError(f"{path}: key 'CASE.observed': not found (add \"observed\": \"\" to the CASE dict)")
    start, end, column = span
    new = data[:start] + _literal(meta, column).encode() + data[end:]
    if new == data:
        return False
    path.write_bytes(new)
    return True
