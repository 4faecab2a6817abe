"""Converters: one module per converter, each defining one `Converter` subclass.

Adding a converter is one new file here (its class, with `info` = its description in convtrack.converter_info),
that description, a matrix file and cases; `get()` finds it by its `name`. Modules import their framework lazily,
so listing converters costs nothing.
"""

from __future__ import annotations

import importlib
import pkgutil

from convtrack.cell.converters.base import Converter


def available() -> dict[str, type[Converter]]:
    found: dict[str, type[Converter]] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, Converter) and obj is not Converter:
                found[obj.name] = obj
    return found


def get(name: str) -> Converter:
    table = available()
    if name not in table:
        raise KeyError(f"unknown converter {name!r}; have {sorted(table)}")
    return table[name]()
