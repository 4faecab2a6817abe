"""One module per top-level command; each defines `register(subparsers)` and plain functions.

Adding a command is one new file here: the CLI discovers it. The functions take an argparse
Namespace but do their work through the library modules, which stay callable without the CLI.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil


def register_all(sub: argparse._SubParsersAction) -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        module.register(sub)
