"""A no-change re-run decided before nox starts: a cell whose every task is recorded for its environment lock, in an
environment untouched since that lock was taken, is not handed to nox at all.

Without this, each cell of a re-run still cost a nox session: nox's start, `uv pip install` finding everything
installed, `uv pip freeze` for the lock, the suite discovered again (0.6-0.7 s a cell, benchmarks/README.md).
After a cell's environment is installed and frozen, `cellrun` leaves a stamp in the work folder: the packages it asked
for, the lock, and the environment's fingerprint (its interpreter and the modification times of its site-packages
folders, which change whenever a distribution is added, removed or replaced, so whenever its freeze could change).
A stamp whose request and fingerprint still hold gives the lock without asking uv; anything else (no stamp, another
request, a touched environment, an interrupted earlier run to resume) leaves the cell to nox as before.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from convtrack import incremental, matrix, run_summary, suite, withdrawn


def stamp_path(work: Path, cell_id: str) -> Path:
    return work / "stamps" / f"{cell_id}.json"


def fingerprint(venv: Path) -> dict[str, Any] | None:
    """What changes when the environment's installed distributions change; None when there is no environment."""
    python = venv / "bin" / "python"
    if not python.exists():
        return None
    real = Path(os.path.realpath(python))
    sites = sorted(venv.glob("lib/python*/site-packages"))
    return {"python": str(real), "python_mtime_ns": real.stat().st_mtime_ns,
            "site_packages": [[str(p), p.stat().st_mtime_ns] for p in sites]}


def write(work: Path, cell_id: str, packages: list[str], venv: Path, lock: str) -> None:
    """Record that `venv`, asked for `packages`, froze to `lock` (called right after the freeze)."""
    path = stamp_path(work, cell_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp-{os.getpid()}")
    tmp.write_text(json.dumps({"packages": packages, "venv": str(venv), "lock": lock,
                               "fingerprint": fingerprint(venv)}) + "\n")
    os.replace(tmp, path)


def lock(work: Path, cell_id: str, packages: list[str]) -> str | None:
    """The cell's environment lock when its stamp still holds (same request, environment untouched), else None."""
    try:
        stamp = json.loads(stamp_path(work, cell_id).read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(stamp, dict) or stamp.get("packages") != packages:
        return None
    found = fingerprint(Path(str(stamp.get("venv"))))
    return str(stamp["lock"]) if found is not None and found == stamp.get("fingerprint") else None


def pending(cell: matrix.Cell, cases: list[suite.Case], reports: Path, work: Path, run_id: str,
            artefacts: Path | None = None) -> int | None:
    """How many of the cell's tasks are not recorded under their key; None when only nox can tell (see above).
    With `artefacts` (`run --keep-models`), a converted task whose artefact is not in that store is not recorded."""
    from convtrack import plan, store

    if run_summary.interrupted(work, cell.id, run_id):
        return None  # its session resumes and marks the earlier run: leave it to nox
    done = incremental.done(store.run_file(reports, cell.converter, cell.id, run_id).parent, artefacts,
                            withdrawn.load(reports))
    cases = [c for c in cases if c.converter == cell.converter]
    if cell.na:
        return sum(incremental.key("", c.id, c.hash, t.opset, t.mode) not in done for c in cases for t in cell.tasks)
    run, excluded = plan.split_excluded(cell, cases)
    missing = sum(incremental.key("", c.id, c.hash, t.opset, t.mode) not in done for c, _ in excluded
                  for t in cell.tasks)
    if not run:
        return missing
    env_lock = lock(work, cell.id, cell.pip_args(plan.case_requires(cell, run)))
    if env_lock is None:
        return None
    return missing + sum(incremental.key("" if t.na else env_lock, c.id, c.hash, t.opset, t.mode) not in done
                         for c in run for t in cell.tasks)
