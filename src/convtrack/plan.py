"""A plan: what the host hands a cell's runner (the cell, its tasks, the cases), as one JSON file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from convtrack.defaults import MEMORY_GB, TIMEOUT_S
from convtrack.matrix import Cell
from convtrack.suite import Case


def make(cell: Cell, cases: list[Case], run_id: str, case_timeout: float = TIMEOUT_S,
         memory_limit_gb: float = MEMORY_GB) -> dict[str, Any]:
    return {
        "run_id": run_id,
        "cell_id": cell.id,
        "cell": cell.to_dict(),
        "cases": [c.to_dict() for c in cases if c.converter == cell.converter],
        "case_timeout": case_timeout,
        "memory_limit_gb": memory_limit_gb,
    }


def write(plan: dict[str, Any], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(plan, indent=1))
    return path
