"""`convtrack changes --confirm`: re-run the two cells of every unconfirmed transition once, so the next scan
shows which transitions held (confirmed) and which did not (flaky)."""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from convtrack import cellrun, matrix, suite
from convtrack.cellrun import Settings
from convtrack.transitions import Transition


def confirm(transitions: Sequence[Transition], settings: Settings,
            log: Callable[[str], None] = print) -> list[Path]:
    """Re-run once the two cells of every unconfirmed transition, with only its case and (opset, mode).

    The records land in settings.reports as ordinary records; scan again to see which transitions
    held (confirmed) and which did not (flaky). Each cell is built once for all the transitions it is in.
    """
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
