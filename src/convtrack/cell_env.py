"""Finding (or building) the environment of a recorded cell on this machine, for commands that run in a cell
after the fact (`convtrack reduce`).

A run names each cell's environment in WORK/runs/RUN/CELL.json (`venv`); `convtrack run` hands nox `--envdir
WORK/nox`, so its cells live at WORK/nox/<nox's name for the session>; `cellrun.execute` without nox uses
WORK/envs/<cell>; `nox -t ...` run at the checkout uses ROOT/.nox/<name>. All of them are looked at.
An environment counts only when the record's framework, onnx and onnxruntime versions are the ones installed.
A missing one is built as `convtrack run` builds it (the matrix cell's pins plus the case's packages), or, when
the matrix no longer has the cell, from the freeze the record's run kept.
"""

from __future__ import annotations

import os
import shlex
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import convtrack
from convtrack import cellrun, plan, recordref, suite
from convtrack.nox_cells import session_name

CHECKED = ("torch", "tensorflow", "tf2onnx", "onnx", "onnxruntime")


def nox_dir(envdir: Path, converter: str, cell: str) -> Path:
    """Where nox keeps the session of this cell under `envdir` (nox's own name normalisation)."""
    name = f"{session_name(converter)}({cell})"
    try:
        from nox.sessions import _normalize_path

        return Path(_normalize_path(str(envdir), name))
    except ImportError:  # pragma: no cover - nox is a host dependency
        import re

        return envdir / re.sub(r"[-\s]+", "-", re.sub(r"[^\w\s-]", "-", name).lower()).strip("-")


def recorded(work: Path, cell: str) -> list[Path]:
    """The environments runs of this cell say they used (WORK/runs/RUN/CELL.json `venv`), newest run first."""
    import json

    out = []
    for path in sorted((work / "runs").glob(f"*/{cell}.json"), reverse=True):
        try:
            venv = json.loads(path.read_text()).get("venv")
        except (OSError, ValueError, AttributeError):
            continue
        if isinstance(venv, str) and venv:
            out.append(Path(venv))
    return out


def candidates(work: Path, root: Path, record: dict[str, Any]) -> list[Path]:
    conv, cell = record["converter"], record["cell"]
    return [*recorded(work, cell), nox_dir(work / "nox", conv, cell), work / "envs" / cell,
            nox_dir(root / ".nox", conv, cell)]


def installed(venv: Path) -> dict[str, str]:
    """name -> version of the distributions in a venv, read from its dist-info folders (no interpreter run)."""
    out = {}
    for info in venv.glob("lib/python*/site-packages/*.dist-info"):
        name, _, version = info.name[: -len(".dist-info")].partition("-")
        out[recordref.normal(name)] = version
    return out


def matches(venv: Path, record: dict[str, Any], requires: tuple[str, ...] = ()) -> bool:
    """The venv holds the record's framework, onnx and onnxruntime versions and the case's packages (`requires`,
    at the recorded version when the record has one)."""
    if not (venv / "bin" / "python").exists():
        return False
    have = installed(venv)
    versions = {recordref.normal(k): str(v) for k, v in (record.get("versions") or {}).items()}
    wanted = {k: v for k, v in versions.items() if k in CHECKED}
    if not all(have.get(k) == v for k, v in wanted.items()):
        return False
    return all(recordref.normal(r) in have and have[recordref.normal(r)] == versions.get(recordref.normal(r),
               have[recordref.normal(r)]) for r in requires)


def find(work: Path, root: Path, record: dict[str, Any], requires: tuple[str, ...] = ()) -> Path | None:
    """The python of an environment holding the record's versions (and the case's packages), if one was built."""
    return next((v / "bin" / "python" for v in candidates(work, root, record) if matches(v, record, requires)),
                None)


def build_plan(args: Any, record: dict[str, Any], case: suite.Case) -> tuple[Path, str, list[str]]:
    """(venv, python version, uv requirements) that `convtrack run` would install for this record's cell."""
    venv = args.work / "envs" / record["cell"]
    try:
        cell = cellrun.cell_for(record["cell"], cellrun.Settings.of(args))
        return venv, cell.python, cell.pip_args(plan.case_requires(cell, [case]))
    except KeyError:  # the matrix dropped the cell: the freeze of the record's run, exactly
        env = recordref.environment(args.reports, record) or {}
        python = str(((env.get("cell") or {}).get("python")) or "3.11")
        return venv, python, [str(x) for x in env.get("freeze") or []]


def command(venv: Path, python: str, requirements: list[str]) -> str:
    """The shell commands that build the environment, for a user who builds it by hand."""
    return (f"uv venv -p {shlex.quote(python)} {shlex.quote(str(venv))} && uv pip install --python "
            f"{shlex.quote(str(venv / 'bin' / 'python'))} " + " ".join(shlex.quote(r) for r in requirements))


def build(venv: Path, python: str, requirements: list[str], log: Callable[[str], None]) -> Path:
    """Create and install the environment (uv, from its cache when warm); raises RuntimeError with uv's reason."""
    log(f"building {venv}: {' '.join(requirements)}")
    created = cellrun.create_venv(venv, python)
    result = created if created.returncode != 0 else cellrun.install(str(venv / "bin" / "python"), requirements)
    if result.returncode != 0:
        raise RuntimeError(cellrun.uv_error(result.stdout + result.stderr))
    return venv / "bin" / "python"


def harness_folder() -> tempfile.TemporaryDirectory[str]:
    """A private folder holding only a link to this convtrack package, for a cell's PYTHONPATH.

    Like cellrun.harness_path, but private to this process: the shared WORK/harness link follows whichever
    convtrack last ran a cell, and a command must not re-point it under a running `convtrack run`.
    """
    folder = tempfile.TemporaryDirectory(prefix="convtrack-harness-")
    os.symlink(Path(convtrack.__file__).resolve().parent, Path(folder.name) / "convtrack", target_is_directory=True)
    return folder
