"""Host side of one cell: install its packages with uv, record the resolved versions, run the runner.

Called from the nox session of the cell (noxfile.py). An environment that cannot be built becomes
env_error records for every task of the cell, and an excluded cell becomes not_applicable records
without building anything: either way the cell leaves its records and the run goes on.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import convtrack
from convtrack import (
    defaults,
    incremental,
    interpreters,
    lifeline,
    matrix,
    plan,
    project,
    protocol,
    run_summary,
    store,
    suite,
    uptodate,
    withdrawn,
)
from convtrack.outcomes import Outcome


class CellFailed(RuntimeError):
    """A cell's runner stopped before its end (disk full, or a runner crash); the message says which and why."""


class Settings:
    """Run-wide settings passed from `convtrack run` to each nox session through the environment.

    What the environment leaves out comes from the project (found from the current folder, or `proj`).
    """

    def __init__(self, env: dict[str, str] | None = None, proj: project.Project | None = None) -> None:
        env = dict(os.environ if env is None else env)
        proj = proj or project.find()
        self.run_id = env.get("CONVTRACK_RUN_ID") or store.new_run_id()
        self.preset = env.get("CONVTRACK_PRESET") or None
        self.reports = Path(env.get("CONVTRACK_REPORTS") or proj.reports)
        self.suites = Path(env.get("CONVTRACK_SUITES") or proj.suites)
        self.matrix_dir = Path(env.get("CONVTRACK_MATRIX") or proj.matrix)
        self.select = [s for s in env.get("CONVTRACK_CASES", "").split(",") if s]
        self.timeout = float(env.get("CONVTRACK_TIMEOUT") or defaults.TIMEOUT_S)
        self.memory_gb = float(env.get("CONVTRACK_MEMORY_GB") or defaults.MEMORY_GB)
        self.work = Path(env.get("CONVTRACK_WORK") or proj.work)
        # `convtrack run` skips tasks already recorded under their key (unless --force); gate and bisect read back
        # their own run's records, so they always execute
        self.incremental = env.get("CONVTRACK_INCREMENTAL") == "1"
        # `run --keep-models`: keep every converted model, its inputs and references for the replay track
        self.keep_models = env.get("CONVTRACK_KEEP_MODELS") == "1"

    @property
    def artefacts(self) -> Path | None:
        """The artefact store this run keeps its models in, or None."""
        return self.work / defaults.ARTEFACTS_DIR if self.keep_models else None

    @classmethod
    def of(cls, args: Any, **env: str) -> Settings:
        """The settings of a command run in this process: its path flags (already resolved by the CLI)."""
        paths = {"CONVTRACK_REPORTS": str(args.reports), "CONVTRACK_SUITES": str(args.suites),
                 "CONVTRACK_MATRIX": str(args.matrix_dir), "CONVTRACK_WORK": str(args.work)}
        if getattr(args, "timeout", None) is not None:
            paths["CONVTRACK_TIMEOUT"] = str(args.timeout)
        return cls(dict(os.environ, **paths, **env), getattr(args, "project", None))


def harness_path(work: Path) -> Path:
    """A folder holding only the installed convtrack package (a symlink to it), for a cell's PYTHONPATH.

    The cell imports its runner from the same convtrack the host runs, never from a checkout; putting the host's
    whole site-packages on the path instead would shadow the cell's own numpy, onnx and torch. One folder per
    convtrack package location: two checkouts sharing a work folder (a run and a replay) never re-point each
    other's link under a running worker.
    """
    package = Path(convtrack.__file__).resolve().parent
    folder = work / "harness" / hashlib.sha256(str(package).encode()).hexdigest()[:12]
    link = folder / "convtrack"
    folder.mkdir(parents=True, exist_ok=True)
    if not (link.is_symlink() and link.resolve() == package):
        tmp = folder / f".convtrack-{os.getpid()}"
        tmp.unlink(missing_ok=True)
        tmp.symlink_to(package, target_is_directory=True)
        os.replace(tmp, link)  # atomic: concurrent cells of one run never see a missing link
    return folder


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
    # A cell on another interpreter than its matrix's says which, as a runner's records do (versions.python);
    # the records of every other cell stay as they always were.
    versions = dict(cell.axes, **({"python": cell.python_rule} if cell.python_rule else {}))
    return [
        store.Record(run_id=run_id, converter=cell.converter, framework=cell.framework, cell=cell.id,
                     axes=dict(cell.axes), case=c.id, case_kind=c.kind,
                     case_hash=c.hash, opset=t.opset, mode=t.mode, versions=dict(versions), outcome=outcome,
                     reason=t.na or reason, signature=signature, error=error)
        for c in cases for t in cell.tasks
    ]


def uv_error(output: str) -> str:
    """The lines of uv's output that say why resolution or installation failed."""
    lines = [ln.strip() for ln in output.splitlines() if ln.strip()]
    keep = [ln for ln in lines if re.search(r"error|because|no solution|not found|unsatisf|×|╰", ln, re.I)]
    return "\n".join(keep or lines[-5:])[:2000]


def uv_cause(message: str) -> str:
    """The one line of uv's message that says why (its "Because ..." line, else its first), for a record's reason."""
    lines = [ln.lstrip("╰─▶×│ ").strip() for ln in message.splitlines()]
    cause = next((ln for ln in lines if re.match(r"(because|cause:)", ln, re.I)), lines[0] if lines else "uv failed")
    return cause.removeprefix("cause: ")[:300]


def install(python: str, requirements: list[str], extra: list[str] | None = None) -> subprocess.CompletedProcess[str]:
    """Install exactly `requirements` and their dependencies: a reused environment loses what an earlier pin left
    (onnxscript 0.1.0's ml-dtypes stayed beside the nightly that replaced it), so its lock is what was asked for."""
    return subprocess.run(["uv", "pip", "install", "--exact", "--python", python, *(extra or []), *requirements],
                          capture_output=True, text=True, check=False)


def freeze(python: str) -> list[str]:
    out = subprocess.run(["uv", "pip", "freeze", "--python", python], capture_output=True, text=True, check=False)
    return [ln for ln in out.stdout.splitlines() if ln and not ln.startswith("#")]


def create_venv(location: Path, python_version: str) -> subprocess.CompletedProcess[str]:
    """`uv venv` with the interpreter `python_version` names (interpreters.find: pyenv's too); a failed process whose
    stderr says why when this machine has none (never a download)."""
    found = interpreters.find(python_version)
    if found is None:
        return subprocess.CompletedProcess(["uv", "venv", "-p", python_version, str(location)], 2, "",
                                           f"error: {interpreters.missing(python_version)}\n")
    return subprocess.run(["uv", "venv", "-q", "--allow-existing", "-p", found, str(location)],
                          capture_output=True, text=True, check=False,
                          env=dict(os.environ, **interpreters.NO_DOWNLOADS))


def execute(cell: matrix.Cell, cases: list[suite.Case], settings: Settings, venv: Path | None = None,
            install_args: list[str] | None = None, log: Callable[[str], None] = print) -> Path:
    """Run one cell end to end and return the records file it appended to.

    `venv` is the environment to install into (nox passes its session's); by default one under the work
    folder, reused between calls. `install_args` are extra uv arguments such as `--find-links DIR`.
    """
    out = store.run_file(settings.reports, cell.converter, cell.id, settings.run_id)
    done = (incremental.done(out.parent, settings.artefacts, withdrawn.load(settings.reports))
            if settings.incremental else set())
    tally = Tally(total=sum(len(cell.tasks) for c in cases if c.converter == cell.converter))
    earlier = run_summary.interrupted(settings.work, cell.id, settings.run_id) if settings.incremental else []
    if earlier:
        log(f"{cell.id}: resuming interrupted run(s) {', '.join(earlier)}: what they recorded is kept and skipped")
    venv = venv or settings.work / "envs" / cell.id
    where = {"venv": str(venv), "env_file": str(out.with_suffix(".env.json"))}
    started = time.monotonic()
    run_summary.write_status(settings.work, settings.run_id, cell.id, 0, tally.total, "running", **where)
    state = "stopped"
    try:
        path = _execute(cell, cases, settings, venv, install_args, log, out, done, tally)
        state = "complete"
        return path
    finally:
        run_summary.write_status(settings.work, settings.run_id, cell.id, tally.skipped, tally.total, state, **where,
                                 seconds=round(time.monotonic() - started, 1))
        if state == "complete" and earlier:
            run_summary.mark_resumed(settings.work, cell.id, earlier, settings.run_id)
        if tally.skipped:
            log(f"{cell.id}: {tally.skipped} of {tally.total} tasks skipped: already recorded for this environment "
                "lock, case content, opset, mode and harness version (--force redoes them)")


@dataclasses.dataclass
class Tally:
    total: int
    skipped: int = 0


def _write_new(out: Path, records: list[store.Record], done: set[incremental.Key], tally: Tally) -> int:
    """Append the harness records not already recorded under their key; no file at all when there is none."""
    new = [r for r in records if incremental.key("", r.case, r.case_hash, r.opset, r.mode) not in done]
    tally.skipped += len(records) - len(new)
    if new:
        store.write_all(out, new)
    return len(new)


def _execute(cell: matrix.Cell, cases: list[suite.Case], settings: Settings, venv: Path,
             install_args: list[str] | None, log: Callable[[str], None], out: Path, done: set[incremental.Key],
             tally: Tally) -> Path:
    if cell.na:
        n = _write_new(out, harness_records(cell, cases, settings.run_id, Outcome.NOT_APPLICABLE, cell.na), done,
                       tally)
        log(f"{cell.id}: not applicable ({cell.na}); {n} records")
        return out
    cases, excluded = plan.split_excluded(cell, cases)
    for case, why in excluded:
        _write_new(out, harness_records(cell, [case], settings.run_id, Outcome.NOT_APPLICABLE, why), done, tally)
    if excluded:
        log(f"{cell.id}: {len(excluded)} cases not applicable by a case-level rule: {excluded[0][1]}")
    if not cases:
        return out
    created = create_venv(venv, cell.python) if not (venv / "bin" / "python").exists() else None
    python = str(venv / "bin" / "python")
    packages = cell.pip_args(plan.case_requires(cell, cases))
    log(f"{cell.id}: installing {' '.join(packages)}")
    result = created if created is not None and created.returncode != 0 else install(python, packages, install_args)
    if result.returncode != 0:
        message = uv_error(result.stdout + result.stderr)
        store.write_all(out, harness_records(cell, cases, settings.run_id, Outcome.ENV_ERROR,
                                             f"the cell's environment could not be built: {uv_cause(message)}",
                                             message.splitlines()[0] if message else "uv failed", message))
        log(f"{cell.id}: environment could not be built; env_error recorded:\n{message}")
        return out
    frozen = freeze(python)
    lock = incremental.env_lock(frozen)
    uptodate.write(settings.work, cell.id, packages, venv, lock)  # the next run can skip this cell without nox
    skip = [(c.id, t.opset, str(t.mode)) for c in cases for t in cell.tasks
            if incremental.key("" if t.na else lock, c.id, c.hash, t.opset, t.mode) in done]
    tally.skipped += len(skip)
    if len(skip) == sum(len(cell.tasks) for c in cases):
        return out  # nothing new to run: no runner, no worker, no file
    env_file = out.with_suffix(".env.json")
    env_file.parent.mkdir(parents=True, exist_ok=True)
    env_file.write_text(json.dumps({"cell": cell.to_dict(), "run_id": settings.run_id, "env_lock": lock,
                                    "freeze": frozen}, indent=1) + "\n")
    run_plan = plan.make(cell, cases, settings.run_id, settings.timeout, settings.memory_gb)
    run_plan["env_lock"], run_plan["skip"] = lock, [list(k) for k in skip]
    plan_path = plan.write(run_plan, settings.work / "plans" / f"{settings.run_id}-{cell.id}.json")
    log_path = settings.work / "logs" / f"{settings.run_id}-{cell.id}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    cell_env = dict(os.environ, PYTHONPATH=str(harness_path(settings.work)))
    if settings.artefacts is not None:
        cell_env[defaults.ARTEFACTS_ENV] = str(settings.artefacts.resolve())
    # the runner dies with this session, even on SIGKILL
    code = subprocess.run([python, "-m", "convtrack.cell.runner", "--plan", str(plan_path), "--out", str(out),
                           "--log", str(log_path)], env=cell_env, check=False,
                          preexec_fn=lifeline.preexec()).returncode
    if code == protocol.EXIT_DISK_FULL:
        raise CellFailed(f"{cell.id}: stopped, the disk is full ({out.parent}); the records written are whole")
    if code != 0:
        raise CellFailed(f"{cell.id}: the runner exited with status {code}; its log: {log_path}")
    return out


def run_cell(session: Any, cell_id: str) -> Path | None:
    """The body of a cell's nox session: a stop is one message (session.error), not a traceback."""
    settings = Settings()
    cell = cell_for(cell_id, settings)
    cases = suite.discover(settings.suites, cell.converter, settings.select)
    # no location when nox made no environment (the cell's interpreter is missing, see nox_cells.interpreter):
    # execute then builds its own, which fails with the reason and records env_error
    location = getattr(session.virtualenv, "location", None)
    try:
        return execute(cell, cases, settings, venv=Path(location) if location else None, log=session.log)
    except store.DiskFull as exc:
        session.error(f"{cell.id}: stopped: {exc.strerror}")
    except CellFailed as exc:
        session.error(str(exc))
    return None
