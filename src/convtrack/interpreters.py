"""Finding the interpreter of a cell (host side): the matrix's, or another one a rule gives old releases.

uv finds an interpreter on PATH; pyenv's shims answer only for the versions pyenv has selected (its global version,
or those PYENV_VERSION lists), so on a machine with 3.8-3.13 under pyenv, `uv python find 3.10` fails until
PYENV_VERSION names 3.10.13 ("pyenv: python3.10: command not found"). `find` asks uv with the pyenv versions of
that minor listed, and returns an absolute path: what `uv venv -p` and nox are given, so neither needs pyenv's
selection afterwards (a venv keeps the path of its base interpreter). Never a download: uv is told not to.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
from pathlib import Path

NO_DOWNLOADS = {"UV_PYTHON_DOWNLOADS": "never"}


def pyenv_root(env: dict[str, str] | None = None) -> Path:
    env = dict(os.environ if env is None else env)
    return Path(env.get("PYENV_ROOT") or Path.home() / ".pyenv")


def pyenv_versions(minor: str, root: Path) -> list[str]:
    """pyenv's installed CPython versions of this minor ('3.10' -> ['3.10.13']), newest first."""
    try:
        names = [p.name for p in (root / "versions").iterdir() if p.is_dir()]
    except OSError:
        return []
    found = [n for n in names if re.fullmatch(rf"{re.escape(minor)}(\.\d+)?", n)]
    return sorted(found, key=lambda n: [int(x) for x in n.split(".")], reverse=True)


def lookup_env(minor: str, env: dict[str, str] | None = None) -> dict[str, str]:
    """The environment `uv python find` runs in: PYENV_VERSION also lists pyenv's versions of `minor`."""
    out = dict(os.environ if env is None else env, **NO_DOWNLOADS)
    listed = [v for v in out.get("PYENV_VERSION", "").split(":") if v]
    extra = [v for v in pyenv_versions(minor, pyenv_root(out)) if v not in listed]
    if extra:
        out["PYENV_VERSION"] = ":".join([*listed, *extra])
    return out


@functools.lru_cache(maxsize=32)
def find(version: str) -> str | None:
    """The absolute path of a Python `version` ('3.10') on this machine, or None when there is none."""
    try:
        out = subprocess.run(["uv", "python", "find", "--no-python-downloads", version], env=lookup_env(version),
                             capture_output=True, text=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    path = out.stdout.strip().splitlines()[-1] if out.returncode == 0 and out.stdout.strip() else ""
    return path if path and Path(path).is_file() else None


def missing(version: str) -> str:
    """Why a cell on `version` cannot be built here (the reason its env_error records carry)."""
    root = pyenv_root()
    have = pyenv_versions(version, root)
    listed = f"{', '.join(have)} listed" if have else "none installed"
    return (f"no Python {version} interpreter on this machine: `uv python find {version}` finds none, with "
            f"PYENV_VERSION listing pyenv's {version}.* under {root / 'versions'} ({listed}); install one (e.g. "
            f"`pyenv install {version}`) to build this cell")
