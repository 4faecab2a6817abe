"""`convtrack changes --confirm`: re-run the two cells of every unconfirmed transition once, so the next scan
shows which transitions held (confirmed) and which did not (flaky), and of every change set apart because the
harness that judged its two sides moved, so both are judged by today's."""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from convtrack import cellrun, matrix, suite
from convtrack.cellrun import Settings
from convtrack.transitions import NotComparable, Transition

Task = tuple[str, str, str, int, str]  # converter, cell, case, opset, mode


def confirm(transitions: Sequence[Transition], settings: Settings, log: Callable[[str], None] = print,
            apart: Sequence[NotComparable] = ()) -> list[Path]:
    """Re-run once the two cells of every unconfirmed transition, and of every change set apart because the
    harness that judged it moved (`apart`: a re-run judges both sides with today's), with only its case and
    (opset, mode). The records land in settings.reports as ordinary records; scan again to see which transitions
    held (confirmed) and which did not (flaky)."""
    tasks = [(t.converter, cell, t.case, t.opset, t.mode) for t in transitions if not t.confirmed
             for cell in (t.before_cell, t.after_cell)]
    tasks += [(n.converter, cell, n.case, n.opset, n.mode) for n in apart if "harness_version" in n.stack
              for cell in (n.before_cell, n.after_cell) if cell]
    return rerun(tasks, settings, log)


def rerun(tasks: Iterable[Task], settings: Settings, log: Callable[[str], None] = print) -> list[Path]:
    """Run the given tasks again, each cell built once for all its tasks (from its newest sidecar's cell)."""
    wanted: dict[tuple[str, str], set[tuple[str, int, str]]] = defaultdict(set)
    for converter, cell_id, case, opset, mode in tasks:
        wanted[(converter, cell_id)].add((case, opset, mode))
    outputs = []
    cases = {c.id: c for c in suite.discover(settings.suites)}
    for (converter, cell_id), chosen in sorted(wanted.items()):
        sidecars = sorted((settings.reports / "records" / converter / cell_id).glob("*.env.json"))
        if sidecars:
            cell = matrix.Cell.from_dict(json.loads(sidecars[-1].read_text())["cell"])
        else:
            cell = cellrun.cell_for(cell_id, settings)
        keep = sorted({(o, m) for _, o, m in chosen})
        cell = dataclasses.replace(cell, na=None,
                                   tasks=[matrix.Task(o, None if m == "-" else m) for o, m in keep])
        run_cases = [cases[c] for c in sorted({c for c, _, _ in chosen}) if c in cases]
        if run_cases:
            log(f"confirm: re-running {len(run_cases)} case(s) in {cell_id}")
            outputs.append(cellrun.execute(cell, run_cases, settings, log=log))
    return outputs
