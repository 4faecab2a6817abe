"""One nox session per matrix cell: an isolated uv environment per package-version combination.

    nox -l                       list every cell (tags: full, stable/rc, and each preset name)
    nox -t quick                 run the cells of the quick preset
    CONVTRACK_PRESET=quick nox -t quick   ... with the preset's opsets and modes only

`convtrack run --preset quick` is the usual entry point: it sets the run id and preset, calls nox, and
builds the site. Opsets and exporter modes loop inside each session (they need no new environment).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "src"))

from convtrack import cellrun, matrix  # noqa: E402

nox.options.default_venv_backend = "uv"
nox.options.error_on_missing_interpreters = True
nox.options.sessions = []  # nothing by default: choose cells by tag (-t) or name (-s)


def _define(m: matrix.Matrix) -> None:
    cells = matrix.expand(m)
    params = [nox.param(c.id, id=c.id, tags=c.tags) for c in cells]

    def cell(session: nox.Session, cell_id: str) -> None:
        cellrun.run_cell(session, cell_id)

    cell.__doc__ = m.description or m.converter
    name = m.converter.replace(".", "_")
    nox.session(name=name, python=m.python, venv_backend="uv", reuse_venv=True)(
        nox.parametrize("cell_id", params)(cell)
    )


for _matrix in matrix.load_dir(Path(os.environ.get("CONVTRACK_MATRIX", ROOT / "matrix"))):
    _define(_matrix)
