"""A plan: what the host hands a cell's runner (the cell, its tasks, the cases), as one JSON file.

The format is convtrack.protocol.Plan; this module fills it from the host's own types (Cell, Case).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import cast

from convtrack import protocol
from convtrack.defaults import MEMORY_GB, TIMEOUT_S
from convtrack.matrix import Cell
from convtrack.protocol import Plan, PlanCell
from convtrack.suite import Case


def make(cell: Cell, cases: list[Case], run_id: str, case_timeout: float = TIMEOUT_S,
         memory_limit_gb: float = MEMORY_GB) -> Plan:
    spec = cast(PlanCell, cell.to_dict())  # Cell.to_dict() writes every PlanCell key (tests/test_protocol.py)
    return protocol.make_plan(run_id, cell.id, spec, [c.to_dict() for c in cases if c.converter == cell.converter],
                              case_timeout, memory_limit_gb)


def write(plan: Plan, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(plan, indent=1))
    return path


def split_excluded(cell: Cell, cases: list[Case]) -> tuple[list[Case], list[tuple[Case, str]]]:
    """The cases to run, and each case a case-level rule excludes from this cell with the rule's reason."""
    run, excluded = [], []
    for c in cases:
        why = cell.case_exclusion(c.id, c.tags)
        if why is None:
            run.append(c)
        else:
            excluded.append((c, why))
    return run, excluded


def case_requires(cell: Cell, cases: list[Case]) -> set[str]:
    """The case packages the selected cases import (CASE["requires"]): only those are installed."""
    return {r for c in cases if c.converter == cell.converter for r in c.meta.get("requires", [])}
