"""Which of the matrix's tasks the records hold: for each cell of a preset (or of the whole grid) and each of its
opset x mode slots, how many of the suite's cases have a record, and whether today's harness made them.

What is left of a long history run, read from the records and the matrix alone (no record file is opened beyond the
records index): `convtrack matrix recorded`. A slot is *full* when every case of the converter has a record there
(a case a rule sets apart is recorded `not_applicable`, so it counts), *partial* when some have, *missing* when none
have; a full slot is *older* when some of its newest records were made by an earlier harness version, whose verdicts
`changes` sets apart against today's.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from convtrack import __version__
from convtrack.matrix import Cell

FULL, OLDER, MISSING, NOT_APPLICABLE = "full", "older", "missing", "n/a"


@dataclasses.dataclass(frozen=True)
class Slot:
    opset: int
    mode: str | None
    na: str | None  # the rule's reason when the slot is not applicable
    cases: int  # cases with a record here
    expected: int  # the converter's cases in the suite
    harness: dict[str, int]  # newest record per case, by the harness version that made it

    @property
    def state(self) -> str:
        if self.na:
            return NOT_APPLICABLE
        if self.cases == 0:
            return MISSING
        if self.cases < self.expected:
            return "partial"
        return FULL if set(self.harness) <= {__version__} else OLDER


@dataclasses.dataclass(frozen=True)
class CellRecorded:
    converter: str
    cell: str
    slots: list[Slot]

    def to_dict(self) -> dict[str, Any]:
        return {"converter": self.converter, "cell": self.cell,
                "slots": [{**dataclasses.asdict(s), "state": s.state} for s in self.slots]}


Key = tuple[str, str, int, str | None]  # converter, cell, opset, mode


def _newest_harness(rows: Iterable[Mapping[str, Any]]) -> dict[Key, dict[str, str]]:
    """(converter, cell, opset, mode) -> case -> the harness version of its newest record, by (created, run_id)."""
    out: dict[Key, dict[str, str]] = defaultdict(dict)
    for r in sorted(rows, key=lambda r: (str(r.get("created") or ""), str(r.get("run_id") or ""))):
        mode = r.get("mode") if isinstance(r.get("mode"), str) and r.get("mode") != "-" else None  # "-": none
        out[(str(r["converter"]), str(r["cell"]), int(r["opset"]), mode)][str(r["case"])] = \
            str(r.get("harness_version") or "unknown")
    return out


def status(cells: Iterable[Cell], rows: Iterable[Mapping[str, Any]],
           cases: Mapping[str, Iterable[str]] | None = None) -> list[CellRecorded]:
    """Each cell's slots, counted from `rows` (records_index.slim). `cases`: converter -> the suite's case ids (only
    those count, so a case removed from the suite does not fill a slot); without it, a slot expects as many cases as
    the converter's best-covered slot has."""
    seen = _newest_harness(rows)
    wanted = {k: set(v) for k, v in (cases or {}).items()}
    most: dict[str, int] = defaultdict(int)
    for (converter, *_), by_case in seen.items():
        most[converter] = max(most[converter], len(by_case))
    out = []
    for cell in cells:
        slots = []
        for task in cell.tasks:
            by_case = seen.get((cell.converter, cell.id, task.opset, task.mode), {})
            if cell.converter in wanted:
                by_case = {c: h for c, h in by_case.items() if c in wanted[cell.converter]}
                expected = len(wanted[cell.converter])
            else:
                expected = most[cell.converter]
            harness: dict[str, int] = defaultdict(int)
            for version in by_case.values():
                harness[version] += 1
            slots.append(Slot(task.opset, task.mode, cell.na or task.na, len(by_case), expected,
                              dict(sorted(harness.items()))))
        out.append(CellRecorded(cell.converter, cell.id, slots))
    return out


def totals(found: Iterable[CellRecorded]) -> dict[str, int]:
    """Slots per state over every cell, applicable slots first."""
    out: dict[str, int] = {FULL: 0, OLDER: 0, "partial": 0, MISSING: 0, NOT_APPLICABLE: 0}
    for c in found:
        for s in c.slots:
            out[s.state] += 1
    return out


MARK = {FULL: "✓", OLDER: "o", MISSING: "·", NOT_APPLICABLE: " "}


def grid(found: list[CellRecorded]) -> str:
    """One line per cell, one column per opset x mode applicable somewhere: ✓ full, o full but partly by an earlier
    harness, · missing, the count of cases when partial, blank when not applicable."""
    if not found:
        return "no cells"
    columns = sorted({(s.mode or "-", s.opset) for c in found for s in c.slots if not s.na})
    width = max(len(c.cell) for c in found)
    head = " " * (width + 2) + " ".join(f"{m[:3] if m != '-' else ''}{o}".rjust(5) for m, o in columns)
    lines = [head]
    for c in found:
        by = {(s.mode or "-", s.opset): s for s in c.slots}
        marks = [(MARK.get(s.state) or str(s.cases)) if (s := by.get(col)) else " " for col in columns]
        lines.append(f"{c.cell.ljust(width)}  " + " ".join(m.rjust(5) for m in marks))
    return "\n".join(lines)
