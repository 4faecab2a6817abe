"""Host side of one cell: install its packages with uv, record the resolved versions, run the runner.

Called from the nox session of the cell (noxfile.py). An environment that cannot be built becomes
env_error records for every task of the cell, and an excluded cell becomes not_applicable records
without building anything: either way the cell leaves its records and the run goes on.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path
from typing import Any

from convtrack import matrix, plan, store, suite
from convtrack.outcomes import Outcome

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src"


class Settings:
    """Run-wide settings passed from `convtrack run` to each nox session through the environment."""

    def __init__(self, env: dict[str, str] | None = None) -> None:
        env = dict(os.environ if env is None else env)
        self.run_id = env.get("CONVTRACK_RUN_ID") or store.new_run_id()
        self.preset = env.get("CONVTRACK_PRESET") or None
        self.reports = Path(env.get("CONVTRACK_REPORTS", ROOT / "reports"))
        self.suites = Path(env.get("CONVTRACK_SUITES", ROOT / "suites"))
        self.matrix_dir = Path(env.get("CONVTRACK_MATRIX", ROOT / "matrix"))
        self.select = [s for s in env.get("CONVTRACK_CASES", "").split(",") if s]
        self.timeout = float(env.get("CONVTRACK_TIMEOUT", "300"))
        self.memory_gb = float(env.get("CONVTRACK_MEMORY_GB", "12"))
        self.work = Path(env.get("CONVTRACK_WORK", ROOT / ".convtrack"))


def cell_for(cell_id: str, settings: Settings) -> matrix.Cell:
    """The cell as the preset (if any) shapes its loops: a preset may narrow opsets and modes."""
    for m in matrix.load_dir(settings.matrix_dir):
        use = settings.preset if settings.preset in m.presets else None
        for c in matrix.expand(m, use):
            if c.id == cell_id:
                return c
        for c in matrix.expand(m):
            if c.id == cell_id:
                return c
    raise KeyError(f"cell {cell_id} is not in {settings.matrix_dir}")


def harness_records(cell: matrix.Cell, cases: list[suite.Case], run_id: str, outcome: Outcome, reason: str,
                    signature: str | None = None, error: str | None = None) -> list[store.Record]:
    """Records for every task of a cell that never reached a runner (excluded, or no environment)."""
    return [
        store.Record(run_id=run_id, converter=cell.converter, cell=cell.id, case=c.id, case_kind=c.kind,
                     case_hash=c.hash, opset=t.opset, mode=t.mode, versions=dict(cell.axes), outcome=outcome.value,
                     reason=t.na or reason, signature=signature, error=error)
        for c in cases for t in cell.tasks
    ]


def uv_error(output: str) -> str:
    """The lines of uv's output that say why resolution or installation failed."""
    lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
    keep = [ln for ln in lines if re.search(r"error|because|no solution|not found|unsatisf|×|╰", ln, re.I)]
    return "\n".join(keep or lines[-5:])[:2000]


def install(python: str, requirements: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["uv", "pip", "install", "--python", python, *requirements],
                          capture_output=True, text=True, check=False)


def freeze(python: str) -> list[str]:
    out = subprocess.run(["uv", "pip", "freeze", "--python", python], capture_output=True, text=True, check=False)
    return [ln for ln in out.stdout.splitlines() if ln and not ln.startswith("#")]


def run_cell(session: Any, cell_id: str) -> Path:
    """The body of a cell's nox session; returns the records file it appended to."""
    settings = Settings()
    cell = cell_for(cell_id, settings)
    cases = [c for c in suite.discover(settings.suites, cell.converter, settings.select)]
    out = store.run_file(settings.reports, cell.converter, cell.id, settings.run_id)
    if cell.na:
        store.write_all(out, harness_records(cell, cases, settings.run_id, Outcome.NOT_APPLICABLE, cell.na))
        session.log(f"{cell.id}: not applicable ({cell.na}); {len(cases) * len(cell.tasks)} records")
        return out
    python = str(Path(session.virtualenv.location) / "bin" / "python")
    session.log(f"installing {' '.join(cell.pip_args())}")
    result = install(python, cell.pip_args())
    if result.returncode != 0:
        message = uv_error(result.stdout + result.stderr)
        store.write_all(out, harness_records(cell, cases, settings.run_id, Outcome.ENV_ERROR,
                                             "the cell's environment could not be built",
                                             message.splitlines()[0] if message else "uv failed", message))
        session.warn(f"{cell.id}: environment could not be built; env_error recorded:\n{message}")
        return out
    env_file = out.with_suffix(".env.json")
    env_file.parent.mkdir(parents=True, exist_ok=True)
    env_file.write_text(json.dumps({"cell": cell.to_dict(), "run_id": settings.run_id,
                                    "freeze": freeze(python)}, indent=1) + "\n")
    plan_path = plan.write(plan.make(cell, cases, settings.run_id, settings.timeout, settings.memory_gb),
                           settings.work / "plans" / f"{settings.run_id}-{cell.id}.json")
    log = settings.work / "logs" / f"{settings.run_id}-{cell.id}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    session.run("python", "-m", "convtrack.runner", "--plan", str(plan_path), "--out", str(out), "--log", str(log),
                env={"PYTHONPATH": str(SRC)}, external=False)
    return out
