"""Axis names given on the command line (`--axis`, `--hold AXIS=...`): checked against the matrix before any work.

A typo'd axis used to select nothing and exit 0; an unknown name is an input error (exit 2) naming the option.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from convtrack import matrix
from convtrack.matrix_values import MatrixError


def known(matrix_dir: Path) -> set[str]:
    """Every axis a matrix file under `matrix_dir` declares (torch, onnxruntime, tensorflow, ...)."""
    return {axis for m in matrix.load_dir(matrix_dir) for axis in m.axes}


def check(matrix_dir: Path, option: str, names: Iterable[str], also: Iterable[str] = ()) -> None:
    """Raise MatrixError (exit 2) for a name that is no axis of the matrix (or of `also`, e.g. the records')."""
    names = [n for n in names if n]
    if not names:
        return
    allowed = known(matrix_dir) | set(also)
    for name in names:
        if name not in allowed:
            raise MatrixError(matrix_dir, option, name, f"unknown axis; known: {sorted(allowed)}")
