"""The nox sessions: one per matrix cell, an isolated uv environment per package-version combination.

A noxfile only calls `define()`: the packaged one (convtrack/sessions/noxfile.py, what `convtrack run` hands
nox) and the checkout's noxfile.py (for `nox -l` / `nox -t quick` at the repository root). The matrix is the
one CONVTRACK_MATRIX names (set by `convtrack run`), else the project's found from the current folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from convtrack import interpreters, matrix, project


def session_name(converter: str) -> str:
    """The nox session of a converter's cells; `convtrack run` selects `<name>(<cell id>)`."""
    return converter.replace(".", "_")


def _define(m: matrix.Matrix) -> None:
    import nox

    from convtrack import cellrun

    cells = matrix.expand(m)
    # Each cell's interpreter is a parameter (nox takes `python` from @parametrize when @session names none): the
    # matrix's for most cells, as before; a rule's other one by its absolute path (see interpreters.find).
    params = [nox.param(interpreter(c), c.id, id=c.id, tags=c.tags) for c in cells]

    def cell(session: nox.Session, cell_id: str) -> None:
        cellrun.run_cell(session, cell_id)

    cell.__doc__ = m.description or m.converter
    nox.session(name=session_name(m.converter), venv_backend="uv", reuse_venv=True)(
        nox.parametrize(("python", "cell_id"), params)(cell)
    )


def interpreter(cell: matrix.Cell) -> str | bool:
    """What nox creates the cell's environment with. False (no environment) when the cell's interpreter is not on
    this machine: the session then reaches cellrun, which records the cell env_error with the reason
    (interpreters.missing) instead of nox failing the session before any record."""
    if cell.python_rule is None:
        return cell.python
    return interpreters.find(cell.python) or False


def define() -> None:
    import nox  # here, not at the top: `convtrack run` imports session_name, and nox costs ~0.5 s to import

    nox.options.default_venv_backend = "uv"
    nox.options.error_on_missing_interpreters = True
    nox.options.sessions = []  # nothing by default: choose cells by tag (-t) or name (-s)
    matrix_dir = os.environ.get("CONVTRACK_MATRIX")
    for m in matrix.load_dir(Path(matrix_dir) if matrix_dir else project.find().matrix):
        _define(m)
