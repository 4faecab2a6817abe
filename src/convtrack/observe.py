"""What our own runs show for each issue case: the `observed` value of its CASE dict, derived from records.

An issue case states what its GitHub issue reports (`stated`); `observed` says what the committed records show,
one entry per release we ran ("torch 2.1.2", "tensorflow 2.15.1 + tf2onnx 1.17.0") plus `agrees_with_issue`,
a sentence that starts with yes / partly / no / unknown / n/a. `observe` computes it; `write` puts it into the case
file in place of the old value (the case hash ignores `observed`, so this never makes a record stale).

The verdict compares the issue's claim (`convtrack.claims`: symptom, exporter mode, stated fixed/broken releases, and
the case's `expect_signature`, a regex for the error the issue quotes) with converter results only: harness outcomes
(not_applicable, env_error, build_error, harness_error) never count. "yes" needs the stated symptom (with its error
text, when declared) in the stated mode, or the stated fix boundary; a failure at an earlier stage than the symptom
masks the bug rather than showing it, and failures of other modes are reported, never counted.
"""

from __future__ import annotations

import dataclasses
import json
import re
import textwrap
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from packaging.version import Version

from convtrack import claims, converter_info
from convtrack.analysis import version_key
from convtrack.claims import Claim
from convtrack.outcomes import Outcome
from convtrack.suite import Case, value_span

UNJUDGED = ("structural", "performance")
Shown = dict[Outcome, list[str]]  # outcome -> release labels showing it, in release order


@dataclasses.dataclass(frozen=True)
class Observation:
    case: str
    releases: dict[str, str]
    agrees: str

    def as_meta(self) -> dict[str, str]:
        return {**self.releases, "agrees_with_issue": self.agrees}


def release_label(record: Mapping[str, Any]) -> str:
    """The release a record speaks for: its converter's release axes ("tensorflow 2.15.1 + tf2onnx 1.17.0")."""
    info = converter_info.describe(str(record.get("converter", "")), str(record.get("framework") or ""))
    return info.release_label(record.get("versions") or {})


def package_version(label: str) -> Version | None:
    """The converter package's release in a label: its last version, before any "(cell id)"."""
    found = claims.versions_in(label.split(" (")[0])
    return found[-1] if found else None


def _outcome(record: Mapping[str, Any]) -> Outcome:
    return Outcome(record["outcome"])


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


# ---- judging a claim against converter results --------------------------------------------------------------

def _collect(by_label: Mapping[str, list[Mapping[str, Any]]],
             keep: Callable[[Mapping[str, Any]], bool]) -> Shown:
    shown: Shown = defaultdict(list)
    for label, records in by_label.items():
        for outcome in sorted({_outcome(r) for r in records if keep(r)}, key=lambda o: o.rank):
            shown[outcome].append(label)
    return dict(shown)


def _where(shown: Shown) -> str:
    ordered = sorted(shown.items(), key=lambda item: item[0].rank)
    return "; ".join(f"{o.value} on {', '.join(labels)}" for o, labels in ordered)


def _labels(shown: Shown) -> set[str]:
    return {label for labels in shown.values() for label in labels}


def _in_mode(claim: Claim, record: Mapping[str, Any]) -> bool:
    return not claim.modes or str(record.get("mode")) in claim.modes


def _relevant(claim: Claim, record: Mapping[str, Any]) -> bool:
    """A failure that speaks to the issue: its error text when one is declared, else not masked by an earlier stage."""
    outcome, matched = _outcome(record), claim.matches(record)
    if not outcome.is_failure or matched is False:
        return False
    return (claim.pattern is not None and matched is True) or not claim.earlier(outcome)


def _boundary(claim: Claim, relevant: Shown, by_label: Mapping[str, list[Mapping[str, Any]]]) -> str:
    """What the releases say about the stated fix: reproduced, contradicted, or nothing to say."""
    if claim.fixed is None or not relevant:
        return ""
    failing = _labels(relevant)
    versions = {label: v for label in by_label if (v := package_version(label)) is not None}
    after = [label for label in by_label if label in failing and label in versions and versions[label] >= claim.fixed]
    if after:
        return f"it persists past the stated fix in {claim.fixed} ({', '.join(after)})"
    clean = [label for label, v in versions.items() if v >= claim.fixed and label not in failing]
    if clean and any(label in versions for label in failing):
        return (f"the stated fix in {claim.fixed} is reproduced: failing before it, clean on {len(clean)} releases "
                "from it")
    return ""


def _version_notes(claim: Claim, by_label: Mapping[str, list[Mapping[str, Any]]]) -> str:
    """Why a 'no' is a 'no': fixed before the oldest release run (a control), or the broken releases never ran."""
    versions = [v for label in by_label if (v := package_version(label)) is not None]
    notes = []
    if claim.fixed and versions:
        if min(versions) >= claim.fixed:
            notes.append(f"stated fixed in {claim.fixed}, before the oldest release run ({min(versions)}): a control")
        else:
            notes.append(f"releases before the stated fix in {claim.fixed} pass too: the trigger (an axis held fixed "
                         "here, or the reproducer itself) is missing")
    if claim.broken and versions and not claims.any_in(versions, claim.broken):
        notes.append(f"the stated broken release {claims.describe_range(claim.broken)} was never run")
    return "".join(f"; {n}" for n in notes)


def _mode_words(claim: Claim) -> str:
    if not claim.modes:
        return ""
    why = "" if claim.mode_source == "stated" else f"; {claim.mode_source}"
    return f" in the issue's mode ({'/'.join(claim.modes)}{why})"


def _no(claim: Claim, by_label: Mapping[str, list[Mapping[str, Any]]]) -> str:
    other = _collect(by_label, lambda r: _outcome(r).is_failure)
    if not other:
        text = f"no: passes on every release run{_mode_words(claim)} ({len(by_label)} releases)"
    elif claim.pattern is not None:
        text = f"no: the stated error /{claim.pattern.pattern}/ never shows{_mode_words(claim)}; other failures: " \
               f"{_where(other)}"
    else:
        text = f"no: {claim.symptom!r} never shows{_mode_words(claim)}; only failures at an earlier stage, which " \
               f"hide it: {_where(other)}"
    return text + _version_notes(claim, by_label)


def judge(claim: Claim, by_label: Mapping[str, list[Mapping[str, Any]]]) -> str:
    """The verdict on converter results of the issue's mode, grouped by release label."""
    hits = _collect(by_label, lambda r: _outcome(r).is_failure and claim.shows(_outcome(r))
                    and claim.matches(r) is not False)
    shifted = _collect(by_label, lambda r: claim.pattern is not None and _outcome(r).is_failure
                       and not claim.shows(_outcome(r)) and claim.matches(r) is True)
    relevant = _collect(by_label, lambda r: _relevant(claim, r))
    boundary = _boundary(claim, relevant, by_label)
    passing = [label for label, rs in by_label.items() if any(_outcome(r) is Outcome.PASS for r in rs)]
    tail = f" ({len(passing)} of {len(by_label)} releases pass in some mode/opset)" if passing else ""
    if hits or shifted:
        parts = [_where(hits)] if hits else []
        if shifted:
            parts.append(f"the stated error shows at another stage: {_where(shifted)}")
        return "yes: " + "; ".join(parts) + (f"; {boundary}" if boundary else "") + tail
    if boundary.startswith("the stated fix"):
        return f"yes: {boundary} (the issue states {claim.symptom!r}; here {_where(relevant)})"
    if relevant:
        return f"partly: the issue states {claim.symptom!r}; our runs show {_where(relevant)}" + \
            (f"; {boundary}" if boundary else "") + tail
    return _no(claim, by_label)


def _converter(by_label: Mapping[str, list[Mapping[str, Any]]]) -> str:
    return next((str(r["converter"]) for records in by_label.values() for r in records if r.get("converter")), "")


def agreement(stated: Mapping[str, Any], by_label: Mapping[str, list[Mapping[str, Any]]],
              expect_ops: Mapping[str, Any] | None = None, expect_signature: str | None = None,
              converter: str = "") -> str:
    """The verdict sentence; `converter` (default: the records') decides which exporter modes a claim can mean."""
    claim = claims.claim(stated, converter or _converter(by_label), expect_signature)
    results = {label: kept for label, records in by_label.items()
               if (kept := [r for r in records if _outcome(r).is_converter_result])}
    failures = _collect(results, lambda r: _outcome(r).is_failure)
    seen = f"; failures seen: {_where(failures)}" if failures else ""
    if expect_ops:
        showing, checked = structural(expect_ops, results)
        if not checked:
            return f"unknown: no converted model to inspect for {_want(expect_ops)}{seen}"
        if showing:
            return f"yes: the converted model lacks {_want(expect_ops)} on {', '.join(showing)}{seen}"
        return f"no: {_want(expect_ops)} in every converted model ({len(checked)} releases){seen}"
    if any(w in claim.symptom.lower() for w in UNJUDGED):
        return f"n/a: the issue is {claim.symptom!r}, which no outcome shows (read the records' op histograms){seen}"
    if not results:
        return "unknown: no run produced a converter result (only harness outcomes)"
    in_mode = {label: kept for label, records in results.items()
               if (kept := [r for r in records if _in_mode(claim, r)])}
    other_modes = _collect(results, lambda r: _outcome(r).is_failure and not _in_mode(claim, r))
    others = f"; other modes, not counted: {_where(other_modes)}" if other_modes else ""
    if not in_mode:
        return f"unknown: no converter result{_mode_words(claim)}{others}"
    return judge(claim, in_mode) + others


def elsewhere(pattern: str, case_id: str, records: Iterable[Mapping[str, Any]]) -> str:
    """Where else the stated error shows: a reproducer can miss its trigger while other cases hit the bug."""
    regex = re.compile(pattern)
    found: Counter[str] = Counter(
        str(r.get("case")) for r in records if r.get("case") != case_id and _outcome(r).is_failure
        and any(isinstance(t, str) and regex.search(t) for t in (r.get("signature"), r.get("error"))))
    if not found:
        return ""
    names = sorted(found)
    shown = ", ".join(names[:3]) + (", ..." if len(names) > 3 else "")
    return f"; the stated error shows in {sum(found.values())} records of {len(names)} other cases ({shown})"


def observe(case: Case, records: Iterable[Mapping[str, Any]]) -> Observation | None:
    """The observation of one case from its records of the current case hash; None when there are none.

    A release run in several cells (torch 2.15.0 with two onnxruntime releases) keeps its plain label for the
    cell with the most records; the others are labelled with their cell id, so outcomes are never mixed.
    """
    records = list(records)
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
    pattern = case.meta.get("expect_signature")
    agrees = agreement(case.meta.get("stated") or {}, by_label, case.meta.get("expect_ops"), pattern, case.converter)
    if pattern and agrees.startswith("no"):
        agrees += elsewhere(pattern, case.id, records)
    return Observation(case.id, releases, agrees)


# ---- writing the value into the case file ---------------------------------------------------------------------

def _literal(meta: Mapping[str, str], indent: int, width: int = 120) -> str:
    pad = " " * (indent + 4)
    lines = ["{"]
    for key, value in meta.items():
        head = f"{pad}{json.dumps(key)}: "
        if len(head) > width - 45:  # a long key (a cell named in it): its value goes on the next line
            lines.append(head.rstrip())
            head = pad + "    "
        room = width - len(head) - 5  # the quotes and "),": within width
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
