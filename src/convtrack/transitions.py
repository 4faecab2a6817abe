"""Regressions and fixes: outcome changes between adjacent versions of one axis, the other axes held equal.

For every (converter, case, opset, mode) the records are ordered along each matrix axis (PEP 440 order, so
2.9 < 2.10) with the other axes' values fixed. The axis values of a record are its resolved `versions`
restricted to the matrix axes of its converter (the cell id alone does not say which packages are axes).

A change between two adjacent versions (adjacent among the versions where the converter produced a result)
is a **regression** when pass -> any failure, when the failure gets an earlier pipeline stage or a new
signature, or when a mismatch's tolerance tier grows past the next tier; a **fix** is the reverse. Harness
outcomes (not_applicable, env_error, build_error) are never either. Records of different case hashes are
not comparable. Repeated records of one (cell, case, opset, mode) make a transition *confirmed* when they
agree and *flaky* when they disagree; `confirm` re-runs the two cells of each unconfirmed transition once.
"""

from __future__ import annotations

import dataclasses
import math
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from convtrack.analysis import version_key
from convtrack.matrix import LOOP_AXES, SHORT_NAMES
from convtrack.outcomes import Outcome

if TYPE_CHECKING:
    import pandas as pd

    from convtrack.cellrun import Settings

# A mismatch is a numeric regression when its tier grows by more than this many tiers (one tier is noise).
TIER_SLACK = 1
ROOT = Path(__file__).resolve().parents[2]


@dataclasses.dataclass(frozen=True)
class Transition:
    kind: str  # "regression" | "fix"
    converter: str
    case: str
    opset: int
    mode: str  # "-" when none
    axis: str  # "torch", "onnxruntime", "tensorflow", "tf2onnx", ...
    before_version: str
    after_version: str  # adjacent versions on the axis, PEP 440 order
    before_outcome: str
    after_outcome: str
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

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass(frozen=True)
class NotComparable:
    """Two adjacent versions whose records were made from different case sources (case_hash)."""

    converter: str
    case: str
    opset: int
    mode: str
    axis: str
    before_version: str
    after_version: str
    fixed: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclasses.dataclass
class Scan:
    transitions: list[Transition]
    not_comparable: list[NotComparable]

    def to_dict(self) -> dict[str, Any]:
        return {"transitions": [t.to_dict() for t in self.transitions],
                "not_comparable": [n.to_dict() for n in self.not_comparable]}


@dataclasses.dataclass(frozen=True)
class State:
    """What one record says, reduced to what transitions compare."""

    outcome: str
    signature: str | None = None
    tier: int | None = None

    @classmethod
    def of(cls, row: Mapping[str, Any]) -> State:
        metrics = row.get("metrics")
        tier = metrics.get("tier") if isinstance(metrics, dict) else None
        sig = row.get("signature")
        return cls(str(row["outcome"]), sig if isinstance(sig, str) else None,
                   int(tier) if isinstance(tier, int | float) and not math.isnan(tier) else None)

    @property
    def harness(self) -> bool:
        return not Outcome(self.outcome).is_converter_result

    def same(self, other: State) -> bool:
        """Same verdict (outcome and failure); tiers within a mismatch are compared by `classify`."""
        return self.outcome == other.outcome and same_failure(self.signature, other.signature)


def _first_sentence(signature: str) -> str:
    return signature.split(". ", 1)[0].rstrip(". ")


def same_failure(a: str | None, b: str | None) -> bool:
    """Equal signatures, or equal up to the first sentence: releases reword the advice after the error
    ("... is not supported. Please feel free to request support ...") without it being a new failure."""
    if a is None or b is None:
        return a == b
    return a == b or _first_sentence(a) == _first_sentence(b)


def classify(before: State, after: State) -> str | None:
    """'regression', 'fix' or None for a change from `before` to `after` (the later version)."""
    if before.harness or after.harness:
        return None
    b, a = Outcome(before.outcome), Outcome(after.outcome)
    if b is Outcome.PASS and a is Outcome.PASS:
        return None
    if b is Outcome.PASS:
        return "regression"
    if a is Outcome.PASS:
        return "fix"
    if a.rank != b.rank:  # a later stage failing means the model got further
        return "regression" if a.rank < b.rank else "fix"
    if not same_failure(before.signature, after.signature):
        return "regression"  # a new failure signature in the same stage
    if b is Outcome.MISMATCH and before.tier is not None and after.tier is not None:
        if after.tier > before.tier + TIER_SLACK:
            return "regression"
        if before.tier > after.tier + TIER_SLACK:
            return "fix"
    return None


def matrix_axes(matrix_dir: Path | None = None) -> dict[str, list[str]]:
    """converter -> its cell axes, from the matrix files (empty when there are none)."""
    from convtrack import matrix

    try:
        return {m.converter: list(m.axes) for m in matrix.load_dir(matrix_dir or ROOT / "matrix")}
    except matrix.MatrixError:
        return {}


def infer_axes(cell: str, versions: Mapping[str, str]) -> list[str]:
    """The axes of a cell whose converter has no matrix file: the packages whose `name+version` is in the id."""
    parts = set(cell.split("-"))
    return [k for k, v in versions.items() if f"{SHORT_NAMES.get(k, k)}{v}" in parts and k not in LOOP_AXES]


def _rows(df: pd.DataFrame) -> list[dict[str, Any]]:
    cols = [c for c in ("converter", "cell", "case", "case_hash", "opset", "mode", "versions", "outcome",
                        "signature", "metrics", "created", "run_id") if c in df.columns]
    return df[cols].to_dict("records") if not df.empty else []


Key = tuple[str, str, int, str, str, tuple[tuple[str, str], ...]]  # converter case opset mode axis fixed


def _group(rows: Iterable[dict[str, Any]], axes: Mapping[str, Sequence[str]]
           ) -> dict[Key, dict[str, list[dict[str, Any]]]]:
    """(converter, case, opset, mode, axis, fixed others) -> axis version -> records (oldest first)."""
    groups: dict[Key, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: defaultdict(list))
    for row in sorted(rows, key=lambda r: (str(r.get("created", "")), str(r.get("run_id", "")))):
        raw = row.get("versions")
        versions: dict[str, Any] = raw if isinstance(raw, dict) else {}
        names = axes.get(row["converter"]) or infer_axes(str(row["cell"]), versions)
        values = {n: str(versions[n]) for n in names if versions.get(n)}
        mode = row.get("mode")
        mode = mode if isinstance(mode, str) else "-"
        row["_state"] = State.of(row)
        for axis, value in values.items():
            fixed = tuple(sorted((k, v) for k, v in values.items() if k != axis))
            groups[(row["converter"], row["case"], int(row["opset"]), mode, axis, fixed)][value].append(row)
    return groups


IGNORED = ("python",)  # the interpreter is held by the matrix; patch releases of it are not a cause


def also_changed(before: Mapping[str, Any], after: Mapping[str, Any], axes: Iterable[str]) -> dict[str, list[str]]:
    """The installed packages, other than the axes, whose version differs between two records ("-" = absent)."""
    b, a = before.get("versions") or {}, after.get("versions") or {}
    skip = {*axes, *IGNORED}
    return {k: [str(b.get(k) or "-"), str(a.get(k) or "-")] for k in sorted((set(b) | set(a)) - skip)
            if b.get(k) != a.get(k)}


def _side(records: list[dict[str, Any]]) -> tuple[State, dict[str, Any], bool, bool]:
    """The newest state of one version's records, the newest record, repeated-and-agreeing, disagreeing."""
    states = [r["_state"] for r in records if not r["_state"].harness]
    newest = next(r for r in reversed(records) if not r["_state"].harness)
    flaky = any(not s.same(states[0]) for s in states)
    return newest["_state"], newest, len(states) >= 2 and not flaky, flaky


def scan(df: pd.DataFrame, axes: Mapping[str, Sequence[str]] | None = None) -> Scan:
    """Every transition and not-comparable pair in the records of `df` (from `analysis.load`)."""
    axes = matrix_axes() if axes is None else axes
    found: list[Transition] = []
    not_comparable: list[NotComparable] = []
    for (converter, case, opset, mode, axis, fixed), by_version in _group(_rows(df), axes).items():
        # versions where the converter produced a result; harness outcomes are skipped over
        ordered = [v for v in sorted(by_version, key=version_key)
                   if any(not r["_state"].harness for r in by_version[v])]
        for before_v, after_v in zip(ordered, ordered[1:], strict=False):
            hashes = {str(r.get("case_hash")) for r in by_version[before_v] if not r["_state"].harness}
            after_recs = [r for r in by_version[after_v]
                          if not r["_state"].harness and str(r.get("case_hash")) in hashes]
            if not after_recs:
                not_comparable.append(NotComparable(converter, case, opset, mode, axis, before_v, after_v,
                                                    dict(fixed)))
                continue
            case_hash = str(after_recs[-1].get("case_hash"))  # the newest source both versions ran
            before_recs = [r for r in by_version[before_v]
                           if not r["_state"].harness and str(r.get("case_hash")) == case_hash]
            after_recs = [r for r in after_recs if str(r.get("case_hash")) == case_hash]
            b_state, b_rec, b_ok, b_flaky = _side(before_recs)
            a_state, a_rec, a_ok, a_flaky = _side(after_recs)
            kind = classify(b_state, a_state)
            if kind is None and (b_flaky or a_flaky):
                # the newest records agree, but a disagreeing repeat showed a change: list it, marked flaky
                kind, b_rec, a_rec = next(
                    ((k, b, a) for b in reversed(before_recs) for a in reversed(after_recs)
                     if (k := classify(b["_state"], a["_state"]))), (None, b_rec, a_rec))
                b_state, a_state = b_rec["_state"], a_rec["_state"]
            if kind is None:
                continue
            found.append(Transition(kind, converter, case, opset, mode, axis, before_v, after_v,
                                    b_state.outcome, a_state.outcome, b_state.signature, a_state.signature,
                                    str(b_rec["cell"]), str(a_rec["cell"]), dict(fixed),
                                    confirmed=b_ok and a_ok, flaky=b_flaky or a_flaky,
                                    also_changed=also_changed(b_rec, a_rec, [axis, *dict(fixed)])))
    found.sort(key=lambda t: (t.converter, t.case, t.opset, t.mode, t.axis, version_key(t.before_version)))
    return Scan(found, not_comparable)


def find(df: pd.DataFrame) -> list[Transition]:
    """Every regression and fix in the records (df = convtrack.analysis.load(reports))."""
    return scan(df).transitions


def confirm(transitions: Sequence[Transition], settings: Settings,
            log: Callable[[str], None] = print) -> list[Path]:
    """Re-run once the two cells of every unconfirmed transition, with only its case and (opset, mode).

    The records land in settings.reports as ordinary records; scan again to see which transitions
    held (confirmed) and which did not (flaky). Each cell is built once for all the transitions it is in.
    """
    import json

    from convtrack import cellrun, matrix, suite

    wanted: dict[tuple[str, str], set[tuple[str, int, str]]] = defaultdict(set)
    for t in transitions:
        if not t.confirmed:
            for cell_id in (t.before_cell, t.after_cell):
                wanted[(t.converter, cell_id)].add((t.case, t.opset, t.mode))
    outputs = []
    cases = {c.id: c for c in suite.discover(settings.suites)}
    for (converter, cell_id), tasks in sorted(wanted.items()):
        sidecars = sorted((settings.reports / "records" / converter / cell_id).glob("*.env.json"))
        if sidecars:
            cell = matrix.Cell.from_dict(json.loads(sidecars[-1].read_text())["cell"])
        else:
            cell = cellrun.cell_for(cell_id, settings)
        keep = sorted({(o, m) for _, o, m in tasks})
        cell = dataclasses.replace(cell, na=None,
                                   tasks=[matrix.Task(o, None if m == "-" else m) for o, m in keep])
        run_cases = [cases[c] for c in sorted({c for c, _, _ in tasks}) if c in cases]
        if run_cases:
            log(f"confirm: re-running {len(run_cases)} case(s) in {cell_id}")
            outputs.append(cellrun.execute(cell, run_cases, settings, log=log))
    return outputs
