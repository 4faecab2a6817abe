"""Typed reading of matrix values: a TOML value of the wrong type is an error, never silently converted.

TOML reads `python = 3.10` as the float 3.1 and `torch = 2` as an integer; turning either into a string
would quietly test the wrong interpreter or match no release. Versions and specifiers must be strings,
opsets integers (a specifier string such as ">=18" is allowed in conditions), everything else as documented
in matrix/README.md. Every error names the file, the key and the value (MatrixError, exit 2 in the CLI).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.version import InvalidVersion, Version

OPERATORS = "<>=!~"
CELL_PYTHON_MIN = (3, 8)  # the oldest interpreter the cell side runs on (tests/test_interpreters.py imports it there)


class MatrixError(ValueError):
    """A malformed matrix file: the message names the file, the key and the value."""

    def __init__(self, path: Path | str, key: str, value: Any, problem: str) -> None:
        super().__init__(f"{path}: key '{key}': value {value!r}: {problem}")
        self.path, self.key, self.value = path, key, value


def is_specifier(value: Any) -> bool:
    return isinstance(value, str) and value.strip()[:1] in OPERATORS


def spec(value: str) -> str:
    """'1.2.3' means ==1.2.3; anything starting with an operator is a specifier."""
    value = value.strip()
    return value if value[:1] in OPERATORS else f"=={value}"


def string(path: Path, key: str, value: Any) -> str:
    if not isinstance(value, str):
        raise MatrixError(path, key, value, f"expected a string, got a TOML {type(value).__name__} (quote it)")
    return value


def version(path: Path, key: str, value: Any) -> str:
    """A PEP 440 version written as a string ("3.10", not 3.10, which TOML reads as the float 3.1)."""
    string(path, key, value)
    try:
        Version(value)
    except InvalidVersion:
        raise MatrixError(path, key, value, "not a PEP 440 version") from None
    return value


def interpreter(path: Path, key: str, value: Any) -> str:
    """A Python interpreter as MAJOR.MINOR ("3.10"): what uv and pyenv look up, and the `-py3.10` of a cell id."""
    string(path, key, value)
    if not re.fullmatch(r"3\.\d{1,2}", value):
        raise MatrixError(path, key, value, 'expected a Python version as "3.MINOR", e.g. "3.10"')
    if int(value.split(".")[1]) < CELL_PYTHON_MIN[1]:
        raise MatrixError(path, key, value, "a cell's runner and worker (convtrack.cell) need Python "
                          f"{CELL_PYTHON_MIN[0]}.{CELL_PYTHON_MIN[1]} or newer")
    return value


def versions(path: Path, key: str, values: Any) -> list[str]:
    if not isinstance(values, list) or not values:
        raise MatrixError(path, key, values, "expected a non-empty list of versions")
    return [version(path, key, v) for v in values]


def requirement(path: Path, key: str, value: Any) -> str:
    """A version or a PEP 440 specifier, as a string; returned as a specifier ('1.2' -> '==1.2')."""
    string(path, key, value)
    try:
        SpecifierSet(spec(value))
        if not is_specifier(value):
            Version(value)
    except (InvalidSpecifier, InvalidVersion):
        raise MatrixError(path, key, value, "not a version or PEP 440 specifier") from None
    return spec(value)


def names(path: Path, key: str, values: Any) -> tuple[str, ...]:
    if not isinstance(values, list):
        raise MatrixError(path, key, values, "expected a list of strings")
    return tuple(string(path, key, v) for v in values)


def opset(path: Path, key: str, value: Any) -> int:
    # bool is an int subclass in Python: `opset = true` must not become opset 1
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 30:
        raise MatrixError(path, key, value, "expected an integer opset (1-30)")
    return value


def condition(path: Path, key: str, axis: str, value: Any) -> None:
    """One value of a rule's `when`: a version, a specifier, an opset (int) or a mode name."""
    for item in value if isinstance(value, list) else [value]:
        if axis == "opset" and not isinstance(item, str):
            opset(path, key, item)
        elif is_specifier(item):
            try:
                SpecifierSet(string(path, key, item))
            except InvalidSpecifier:
                raise MatrixError(path, key, item, "not a PEP 440 specifier") from None
        elif axis == "mode":
            string(path, key, item)
        else:
            version(path, key, item)
