"""Where the project is: found from where the user stands, the way nox finds noxfile.py and asv asv.conf.json.

A folder holding `convtrack.toml` (or a pyproject.toml with a `[tool.convtrack]` table) is a convtrack project.
Its folders are read from that file, relative to it:

    matrix = "matrix"          # matrix TOML files
    suites = "suites"          # cases
    reports = "reports"        # records (append-only)
    triage = "triage.toml"     # known failures for the gate (absent: no known failures, said aloud)
    work = ".convtrack"        # cell environments, plans, logs (never inside the installed package)
    site = "site/_build"       # the built site

Every value is optional; the CLI's flags override them. This module is the only one that decides a default path:
nothing else computes a location from `__file__` except to find the package's own data.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - python 3.10
    import tomli as tomllib

CONFIG = "convtrack.toml"
FOLDERS = {"matrix": "matrix", "suites": "suites", "reports": "reports", "triage": "triage.toml",
           "work": ".convtrack", "site": "site/_build"}


class ProjectError(ValueError):
    """No project where one is needed, or a config file that cannot be read."""


@dataclasses.dataclass(frozen=True)
class Project:
    root: Path
    config: Path | None  # the file the settings came from; None when no project was found (defaults at cwd)
    matrix: Path
    suites: Path
    reports: Path
    triage: Path
    work: Path
    site: Path

    @classmethod
    def at(cls, root: Path, values: dict[str, Any] | None = None, config: Path | None = None) -> Project:
        values = values or {}
        unknown = set(values) - set(FOLDERS)
        if unknown:
            raise ProjectError(f"{config}: unknown key {sorted(unknown)[0]!r}; use {sorted(FOLDERS)}")
        paths = {}
        for key, default in FOLDERS.items():
            value = values.get(key, default)
            if not isinstance(value, str) or not value:
                raise ProjectError(f"{config}: key {key!r}: {value!r} is not a path")
            paths[key] = (root / value).resolve()
        return cls(root=root.resolve(), config=config, **paths)

    def describe(self) -> str:
        where = str(self.config) if self.config else f"no {CONFIG} found; defaults under {self.root}"
        return where + "".join(f"\n  {k:<8} {getattr(self, k)}" for k in FOLDERS)


def read(config: Path) -> Project:
    """The project a config file describes (convtrack.toml, or pyproject.toml's [tool.convtrack])."""
    try:
        data = tomllib.loads(config.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ProjectError(f"{config}: {exc}") from None
    if config.name == "pyproject.toml":
        tool = data.get("tool", {}).get("convtrack")
        if tool is None:
            raise ProjectError(f"{config}: no [tool.convtrack] table")
        data = tool
    return Project.at(config.parent, data, config.resolve())


def marker(folder: Path) -> Path | None:
    """The config file that makes `folder` a project, if any: convtrack.toml first, then [tool.convtrack]."""
    own = folder / CONFIG
    if own.is_file():
        return own
    py = folder / "pyproject.toml"
    if py.is_file():
        try:
            if "convtrack" in tomllib.loads(py.read_text(encoding="utf-8")).get("tool", {}):
                return py
        except (OSError, tomllib.TOMLDecodeError):
            return None
    return None


def find(start: Path | None = None) -> Project:
    """The project holding `start` (default: the current folder), searching upwards; defaults at `start` if none."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        found = marker(folder)
        if found is not None:
            return read(found)
    return Project.at(here)


def load(config: Path | None = None, start: Path | None = None) -> Project:
    """`--config FILE` when given (a folder means its marker), else the project found from `start`."""
    if config is None:
        return find(start)
    if config.is_dir():
        found = marker(config)
        if found is None:
            raise ProjectError(f"{config}: no {CONFIG} (or [tool.convtrack] in pyproject.toml) in this folder")
        config = found
    if not config.is_file():
        raise ProjectError(f"{config}: no such config file")
    return read(config)
