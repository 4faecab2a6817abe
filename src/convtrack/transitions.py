"""The one classifier of outcome changes, and the scan of the records for them between adjacent releases.

`classify(before, after)` is the only place that decides what a change means; `changes`, the gate, bisect,
the release pages, the regressions page and the feed all call it:

- **regression**: pass -> any converter failure, or a loud failure (convert_error ... run_error) -> a silent
  one (mismatch, wrong_shape), flagged `became_silent`: for a user, a crash that turns into a wrong answer is
  the worst change there is, never a fix;
- **fix**: any failure -> pass;
- **changed**: a failure -> a different failure (another stage, or another signature once normalised) that is
  not loud -> silent. Shown apart, never counted as a regression or a fix.

Harness outcomes (not_applicable, env_error, build_error, harness_error) are never part of a transition, and
the same outcome with the same normalised signature is no change. Mismatch tiers are not compared: before the
tolerance is calibrated to the framework's noise, a tier step is noise, not news.

`scan` orders the records of every (converter, case, opset, mode) along each axis of the record's `axes`
(PEP 440 order, so 2.9 < 2.10) with the other axes held equal, and classifies each adjacent pair (adjacent
among the versions where the converter produced a result); a step that no two cells hold the other axes equal
across is in `Scan.gaps` (`gaps.find`). Cells of a partial run (`probe_cells`) are left
out: they are never anyone's baseline. Records of different case hashes are not comparable. Repeated records
of one (cell, case, opset, mode) make a transition *confirmed* when they agree and *flaky* when they disagree;
`confirm.confirm` re-runs the two cells of each unconfirmed transition once. Packages that moved with
an axis (`also_changed`, and those that set a change apart) are `confounds`'.
"""

from __future__ import annotations

import dataclasses
import enum
import math
import operator
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from convtrack import confounds, gaps, store
from convtrack.analysis import version_key
from convtrack.outcomes import SIGNATURE_LIMIT, Outcome, signature_key

if TYPE_CHECKING:
    import pandas as pd

# A cell whose records cover fewer than this share of the cases of its converter's best-covered cell is a probe.
PROBE_SHARE = 0.5


class TransitionKind(str, enum.Enum):
    REGRESSION = "regression"
    FIX = "fix"
    CHANGED = "changed"

    def __str__(self) -> str:  # templates and f-strings show the value, not "TransitionKind.FIX"
        return self.value


@dataclasses.dataclass(frozen=True)
class Transition:
    kind: TransitionKind
    converter: str
    case: str
    opset: int
    mode: str  # "-" when none
    axis: str  # "torch", "onnxruntime", "tensorflow", "tf2onnx", ...
    before_version: str
    after_version: str  # adjacent versions on the axis, PEP 440 order
    before_outcome: Outcome
    after_outcome: Outcome
    before_signature: str | None
    after_signature: str | None
    before_cell: str
    after_cell: str
    fixed: dict[str, str]  # the other axes' values, held equal
    confirmed: bool
    flaky: bool
    # Packages outside the axes whose version also differs between the two cells (package -> [before, after]),
    # e.g. a case dependency pinned per torch release: the change may be theirs rather than the axis's.
    also_changed: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    became_silent: bool = False  # a loud failure turned into a wrong answer (a regression)
    # The opset each side's model declares, [before, after]; None where a side wrote no model. An exporter may
    # write another than `opset` asked (torch 2.5-2.9's dynamo writes 18), so one model can stand for several.
    written: list[int | None] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data.update(kind=self.kind.value, before_outcome=self.before_outcome.value,
                    after_outcome=self.after_outcome.value)
        return data


@dataclasses.dataclass(frozen=True)
class NotComparable:
    """Two adjacent versions whose records cannot be compared: made from different case sources (case_hash), or
    an outcome change that also moved a package the mode's export runs through (`stack`), so it is not the axis's."""

    converter: str
    case: str
    opset: int
    mode: str
    axis: str
    before_version: str
    after_version: str
    fixed: dict[str, str]
    why: str = "the case source changed between them (case_hash)"
    stack: dict[str, list[str]] = dataclasses.field(default_factory=dict)
    before_cell: str = ""  # the newest record's cell of each side (empty in a result written before they were kept)
    after_cell: str = ""
    kind: str = ""  # of a change set apart: the kind it would have been (regression, fix, changed)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass
class Scan:
    transitions: list[Transition]
    not_comparable: list[NotComparable]
    gaps: list[gaps.Gap] = dataclasses.field(default_factory=list)  # adjacent versions no two cells compare

    def to_dict(self) -> dict[str, Any]:
        return {"transitions": [t.to_dict() for t in self.transitions],
                "not_comparable": [n.to_dict() for n in self.not_comparable],
                "gaps": [g.to_dict() for g in self.gaps]}


@dataclasses.dataclass(frozen=True)
class State:
    """What one record says, reduced to what transitions compare."""

    outcome: Outcome
    signature: str | None = None
    tier: int | None = None  # shown, not compared

    def __post_init__(self) -> None:
        object.__setattr__(self, "outcome", Outcome(self.outcome))

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> State:
        metrics = row.get("metrics")
        tier = metrics.get("tier") if isinstance(metrics, dict) else None
        sig = row.get("signature")
        return cls(Outcome(row["outcome"]), sig if isinstance(sig, str) else None,
                   int(tier) if isinstance(tier, int | float) and not math.isnan(tier) else None)

    @property
    def harness(self) -> bool:
        return not self.outcome.is_converter_result

    @property
    def loud(self) -> bool:
        """A failure that says so (an exception, an invalid model): the opposite of a silent wrong answer."""
        return self.outcome.is_failure and not self.outcome.is_silent

    def same(self, other: State) -> bool:
        """Same verdict: same outcome and the same failure (signatures compared normalised)."""
        return self is other or self.outcome is other.outcome and same_failure(self.signature, other.signature)


def _first_sentence(key: str) -> str:
    return key.split(". ", 1)[0].rstrip(". ")


def same_failure(a: str | None, b: str | None) -> bool:
    """Equal signatures once normalised (numbers, generated names, case, the exporter's wrapper), or equal up to
    the first sentence: releases reword the advice after the error ("... is not supported. Please feel free to
    request support ...") without it being a new failure. A stored signature cut at SIGNATURE_LIMIT is compared
    up to the shorter of the two."""
    if a is None or b is None or a == b:
        return a == b
    ka, kb = signature_key(a), signature_key(b)
    if ka == kb or _first_sentence(ka) == _first_sentence(kb):
        return True
    n = min(len(ka), len(kb))
    return max(len(a), len(b)) >= SIGNATURE_LIMIT and ka[:n] == kb[:n]


def classify(before: State, after: State) -> TransitionKind | None:
    """The kind of the change from `before` to `after` (the later version), None when there is none."""
    if before.harness or after.harness or before.same(after):
        return None
    if after.outcome is Outcome.PASS:
        return TransitionKind.FIX
    if before.outcome is Outcome.PASS or became_silent(before, after):
        return TransitionKind.REGRESSION
    return TransitionKind.CHANGED


def written(state: State, record: Mapping[str, Any], asked: int) -> int | None:
    """The opset a side's model declares: its record's produced_opset, the asked one when a record that wrote a
    model does not say (older records), None when it wrote none."""
    if not state.outcome.wrote_model:
        return None
    produced = store.produced_opset(record)
    return produced if produced is not None else int(asked)


def model_key(t: Mapping[str, Any]) -> tuple[Any, ...]:
    """What makes regressions and fixes one change of one model: the same case, mode, cells and kind, and the same
    opsets written on each side whatever was asked (a transition without `written`: its asked opset)."""
    sides = tuple(t.get("written") or ()) or (t["opset"],)
    return (t["kind"], t["converter"], t["case"], t["mode"], t["before_cell"], t["after_cell"], sides)


def became_silent(before: State, after: State) -> bool:
    """A loud failure that turned into a silent one (mismatch, wrong_shape): a regression."""
    return before.loud and after.outcome.is_silent


def probe_cells(rows: Iterable[Mapping[str, Any]], share: float = PROBE_SHARE) -> set[tuple[str, str]]:
    """(converter, cell) of every partial run: bisect probes, `--select` runs.

    A cell is a probe when its records cover fewer than `share` of the cases of its converter's best-covered
    cell. Harness records count as coverage: a cell that ran the whole suite and failed to build is a failed
    run, shown grey, not a partial one. Probes are never a release page's baseline, a transition's side or a
    matrix row; their records stay for bisect and the case pages.
    """
    cases: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows:
        cases[(str(r["converter"]), str(r["cell"]))].add(str(r["case"]))
    most: dict[str, int] = defaultdict(int)
    for (converter, _), seen in cases.items():
        most[converter] = max(most[converter], len(seen))
    return {key for key, seen in cases.items() if len(seen) < share * most[key[0]]}


def _rows(records: pd.DataFrame | Sequence[Mapping[str, Any]]) -> Sequence[Mapping[str, Any]]:
    """Rows from a frame (analysis.load), or the rows given (records_index.Index.slim, store.load)."""
    if isinstance(records, Sequence):
        return records
    df = records
    cols = [c for c in ("converter", "cell", "axes", "case", "case_hash", "opset", "mode", "versions", "outcome",
                        "signature", "metrics", "created", "run_id", "harness_version", "produced_opset",
                        "tags")
            if c in df.columns]
    return df[cols].to_dict("records") if not df.empty else []


Key = tuple[str, str, int, str, str, tuple[tuple[str, str], ...]]  # converter case opset mode axis fixed
Side = tuple[State, Mapping[str, Any]]  # a record's state and the record
Task = tuple[str, str, int, str, tuple[tuple[str, str], ...]]  # converter case opset mode, every axis value


def _tasks(rows: Iterable[Mapping[str, Any]]) -> dict[Task, tuple[dict[str, str], list[Side]]]:
    """Each task's axis values (in its first record's order) and (state, record) list, oldest first; tasks in
    the order of their first record. Repeats of a task share one list, and equal states one State object: at
    100,000 records most records are repeats, so the per-axis work below is done once per task."""
    tasks: dict[Task, tuple[dict[str, str], list[Side]]] = {}
    states: dict[tuple[Any, ...], State] = {}
    # rows of one run share one axes dict (records_index): its values are worked out once per dict, not per row
    seen_axes: dict[int, tuple[Any, dict[str, str], tuple[tuple[str, str], ...]]] = {}
    for row in _by_time(rows):
        raw = row.get("axes")
        known = seen_axes.get(id(raw))
        if known is None or known[0] is not raw:
            values = {str(k): str(v) for k, v in (raw.items() if isinstance(raw, dict) else ()) if v}
            known = seen_axes[id(raw)] = (raw, values, tuple(sorted(values.items())))
        _, values, items = known
        mode = row.get("mode")
        mode = mode if isinstance(mode, str) else "-"
        key = (row["converter"], row["case"], int(row["opset"]), mode, items)
        metrics = row.get("metrics")
        seen = (row["outcome"], row.get("signature"), metrics.get("tier") if isinstance(metrics, dict) else None)
        state = states.get(seen) if isinstance(seen[2], int | float | None) else None
        if state is None:
            state = State.of(row)
            state = states.setdefault(seen, states.setdefault((state.outcome, state.signature, state.tier), state))
        tasks.setdefault(key, (values, []))[1].append((state, row))
    return tasks


def _by_time(rows: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Oldest first by (created, run_id), ties in the given order (sorted is stable)."""
    rows = list(rows)
    try:  # itemgetter is C: a third of the scan's time at 100,000 records went to a Python key function
        return sorted(rows, key=operator.itemgetter("created", "run_id"))
    except (KeyError, TypeError):  # a field missing or not text (a frame's NaN): compare as text
        return sorted(rows, key=lambda r: (str(r.get("created", "")), str(r.get("run_id", ""))))


def _group(rows: Iterable[Mapping[str, Any]]) -> dict[Key, dict[str, list[Side]]]:
    """(converter, case, opset, mode, axis, fixed others) -> axis version -> (state, record), oldest first.

    The axis values are the record's own `axes` (schema 2): nothing is re-derived from ids or matrix files.
    A (key, version) pair names every axis value, so it is exactly one task: groups and versions are created in
    the order the records first show them, as a record-by-record pass would.
    """
    groups: dict[Key, dict[str, list[Side]]] = defaultdict(dict)
    others: dict[tuple[tuple[tuple[str, str], ...], str], tuple[tuple[str, str], ...]] = {}  # (items, axis) -> fixed
    for (converter, case, opset, mode, items), (values, sides) in _tasks(rows).items():
        for axis, value in values.items():
            fixed = others.get((items, axis))
            if fixed is None:
                fixed = others[(items, axis)] = tuple(kv for kv in items if kv[0] != axis)
            groups[(converter, case, opset, mode, axis, fixed)][value] = sides
    return groups


def _current(records: list[Side]) -> list[Side]:
    """The records made by the newest record's harness in the newest record's environment: an older harness judged
    with another policy (tolerance, attribution), a record made under another pin (a package that has moved since)
    measured another combination, and a pass or mismatch judged by the fixed atol where the newest record measured
    the framework's float64 noise used a cruder tolerance; all are superseded, not repeats that could show
    flakiness."""
    newest = records[-1][1]
    harness = newest.get("harness_version")
    measured = confounds.calibrated(newest)  # a pass/mismatch judged without the noise it measures is superseded
    return [side for side in records
            if side[1].get("harness_version") == harness and not confounds.also_changed(side[1], newest, ())
            and not (measured and side[0].outcome in TOLERANCE_JUDGED and not confounds.calibrated(side[1]))]


def _side(records: list[Side]) -> tuple[Side, bool, bool]:
    """The newest (state, record) of one version, repeated-and-agreeing, disagreeing."""
    states = [s for s, _ in records]
    flaky = any(not s.same(states[0]) for s in states)
    return records[-1], len(states) >= 2 and not flaky, flaky


def _pair(before: list[Side], after: list[Side]) -> tuple[TransitionKind | None, Side, Side, bool, bool]:
    """The kind of change between two versions' records (same case hash, converter results only)."""
    (b, b_ok, b_flaky), (a, a_ok, a_flaky) = _side(before), _side(after)
    kind = classify(b[0], a[0])
    if kind is None and (b_flaky or a_flaky):
        # the newest records agree, but a disagreeing repeat showed a change: list it, marked flaky
        kind, b, a = next(((k, bs, as_) for bs in reversed(before) for as_ in reversed(after)
                           if (k := classify(bs[0], as_[0]))), (None, b, a))
    return kind, b, a, b_ok and a_ok, b_flaky or a_flaky


def _hash(side: Side) -> str:
    return str(side[1].get("case_hash"))


Requires = Mapping[tuple[str, str], Sequence[str]]  # (case id, case_hash) -> the packages the case imports


def imports_of(requires: Requires | None, case: str, case_hash: str) -> Sequence[str]:
    """The packages a record's case imports: its own source's, else the current source's of the same case (a source
    edited since is gone, and the 2026-12-02 edits of eight cases kept what they import; without the fallback their
    older records lost the confound of a package they import, hf_mobilevit's transformers among them)."""
    table = requires or {}
    if (case, case_hash) in table:
        return table[(case, case_hash)]
    return next((packages for (other, _), packages in table.items() if other == case), ())


TOLERANCE_JUDGED = frozenset({Outcome.PASS, Outcome.MISMATCH})  # verdicts a harness's tolerance policy decides


def _apart(kind: TransitionKind, axis: str, before: Side, after: Side, also: Mapping[str, list[str]],
           imports: Sequence[str]) -> tuple[str, dict[str, list[str]]] | None:
    """(what moved, {package: [before, after]}) when the change is not the axis's alone: the mode's export
    package, the interpreter or the case's own package moved with it, the case's package took another code path
    from the after release on and the failure is on it, or a pass and a mismatch were judged by different harness
    versions (each with its own tolerance policy, so the step may be the policy's); None when it is the axis's."""
    converter, mode = str(after[1].get("converter")), str(after[1].get("mode") or "-")
    stack = confounds.stack_changed(converter, mode, also)
    interpreter = confounds.interpreter_changed(also)
    imported = confounds.case_changed(converter, also, imports)
    failing = before if kind is TransitionKind.FIX else after
    switched = confounds.path_switched(converter, axis, str((before[1].get("axes") or {}).get(axis, "")),
                                       str((after[1].get("axes") or {}).get(axis, "")), imports, failing[0].signature)
    called = confounds.adapter_switched(converter, axis, str((before[1].get("axes") or {}).get(axis, "")),
                                        str((after[1].get("axes") or {}).get(axis, "")), mode,
                                        (before[0].outcome.value, after[0].outcome.value))
    judged = ({before[0].outcome, after[0].outcome} <= TOLERANCE_JUDGED
              and confounds.harness_changed(before[1], after[1])) or {}
    noise = ({before[0].outcome, after[0].outcome} == TOLERANCE_JUDGED and not judged
             and confounds.calibration_differs(before[1], after[1], after[0].outcome is Outcome.MISMATCH)) or {}
    written = confounds.opset_not_honoured(before[1], after[1])
    vacuous = confounds.reference_ignored(after[1], kind is TransitionKind.FIX)
    flaky = confounds.unstable(before[1], after[1])
    parts = [f"the {mode} exporter's {confounds.moves(stack)}" if stack else "",
             f"the interpreter ({confounds.moves(interpreter)})" if interpreter else "",
             f"the case's own {confounds.moves(imported)}" if imported else "",
             f"the case's {confounds.moves(switched)}" if switched else "",
             f"the harness that judged the {kind} ({confounds.moves(judged)})" if judged else "",
             f"the tolerance: the mismatch is within the other side's float64-calibrated noise "
             f"({confounds.moves(noise)})" if noise else "",
             f"how the harness called the exporter ({confounds.moves(called)})" if called else "",
             f"the opset the exporter wrote when asked for {after[1].get('opset')} ({confounds.moves(written)})"
             if written else "",
             "the reference: the framework gave the same outputs on every input, so the pass shows only that the "
             "export runs" if vacuous else "",
             f"the process: a repeat on a fresh worker gave another verdict ({confounds.unstable_text(flaky)})"
             if flaky else ""]
    moved = "; ".join(part for part in parts if part)
    found = {**stack, **interpreter, **imported, **switched, **judged, **noise, **called, **written, **vacuous, **flaky}
    return (moved, found) if moved else None


def set_apart(before: Mapping[str, Any], after: Mapping[str, Any], imports: Sequence[str] = ()) -> dict[str, list[str]]:
    """What sets the change between two records of one task apart ({package: [before, after]}, {} when it is the
    release's or there is none): the scan's rule for a pair outside a scan (the gate's baseline and candidate). The
    axis is the one whose value differs between the records' cells."""
    b, a = State.of(before), State.of(after)
    kind = classify(b, a)
    if kind is None:
        return {}
    axes_b, axes_a = before.get("axes") or {}, after.get("axes") or {}
    axis = next((k for k in axes_a if axes_b.get(k) != axes_a.get(k)), "")
    also = confounds.also_changed(before, after, list(axes_a))
    apart = _apart(kind, axis, (b, before), (a, after), also, imports)
    return apart[1] if apart else {}


def scan(records: pd.DataFrame | Sequence[Mapping[str, Any]], requires: Requires | None = None) -> Scan:
    """Every transition and not-comparable pair in the records: a frame (analysis.load) or rows with at least the
    fields of records_index.Index.slim, in load order. `requires` (suite.requires_by_source): with it, a change
    that also moved a package the case imports (transformers under an HF model) is set apart too."""
    rows = _rows(records)
    probes = probe_cells(rows)
    rows = [r for r in rows if (r["converter"], r["cell"]) not in probes]
    found: list[Transition] = []
    not_comparable: list[NotComparable] = []
    for (converter, case, opset, mode, axis, fixed), by_version in _group(rows).items():
        results = {v: [s for s in _current(sides) if not s[0].harness] for v, sides in by_version.items()}
        ordered = [v for v in sorted(results, key=version_key) if results[v]]  # harness-only versions skipped
        for before_v, after_v in zip(ordered, ordered[1:], strict=False):
            hashes = {_hash(s) for s in results[before_v]}
            after = [s for s in results[after_v] if _hash(s) in hashes]
            if not after:
                not_comparable.append(NotComparable(converter, case, opset, mode, axis, before_v, after_v,
                                                    dict(fixed), before_cell=str(results[before_v][-1][1]["cell"]),
                                                    after_cell=str(results[after_v][-1][1]["cell"])))
                continue
            case_hash = _hash(after[-1])  # the newest source both versions ran
            kind, (b_state, b_rec), (a_state, a_rec), confirmed, flaky = _pair(
                [s for s in results[before_v] if _hash(s) == case_hash], [s for s in after if _hash(s) == case_hash])
            if kind is None:
                continue
            also = confounds.also_changed(b_rec, a_rec, [axis, *dict(fixed)])
            apart = _apart(kind, axis, (b_state, b_rec), (a_state, a_rec), also,
                           imports_of(requires, case, case_hash))
            if apart is not None:
                not_comparable.append(NotComparable(
                    converter, case, opset, mode, axis, before_v, after_v, dict(fixed),
                    f"a {kind} that is not {axis}'s alone: {apart[0]} moved with it", apart[1],
                    str(b_rec["cell"]), str(a_rec["cell"]), kind.value))
                continue
            found.append(Transition(kind, converter, case, opset, mode, axis, before_v, after_v,
                                    b_state.outcome, a_state.outcome, b_state.signature, a_state.signature,
                                    str(b_rec["cell"]), str(a_rec["cell"]), dict(fixed), confirmed=confirmed,
                                    flaky=flaky, also_changed=also,
                                    became_silent=became_silent(b_state, a_state),
                                    written=[written(b_state, b_rec, opset), written(a_state, a_rec, opset)]))
    found.sort(key=lambda t: (t.converter, t.case, t.opset, t.mode, t.axis, version_key(t.before_version)))
    return Scan(found, not_comparable, gaps.find(gaps.cells_of(rows)))


def find(records: pd.DataFrame | Sequence[Mapping[str, Any]], requires: Requires | None = None) -> list[Transition]:
    """Every regression, fix and changed failure in the records (as `scan` takes them)."""
    return scan(records, requires).transitions
