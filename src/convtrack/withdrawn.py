"""Runs withdrawn from a cell: records the harness got wrong, kept on disk and left out of every reading.

A record is never rewritten or deleted. When the harness misused a converter's API in one cell (torch 1.7's
exporter declares static output shapes unless the outputs are named in dynamic_axes, which our adapter did not do),
the cell is run again with the fixed adapter, and `reports/withdrawn.json` names the earlier run of that cell, why,
and what replaced it. Readers (`store.load`, `records_index`, `incremental`) skip the records it names, so the
earlier verdicts are neither compared (a repeat that disagrees would read as flaky) nor counted as done.

The file (schema 1): {"schema": 1, "withdrawn": [{"run_id", "cell", "reason", "fixed_by", "replaced_by"}]}; every
field a non-empty string, `fixed_by` the commit that fixed the harness, `replaced_by` the run that re-ran the cell.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

FILE = "withdrawn.json"
SCHEMA = 1
FIELDS = ("run_id", "cell", "reason", "fixed_by", "replaced_by")

class WithdrawnError(ValueError):
    """reports/withdrawn.json cannot be read; the message names the file, the key and the value."""


def load(reports: Path) -> dict[tuple[str, str], str]:
    """(run_id, cell) -> reason of every withdrawn run of a cell; {} without the file. Read once per version of
    the file (every reader of records calls this, `run` once per cell)."""
    path = reports / FILE
    try:
        stat = path.stat()
    except FileNotFoundError:
        return {}
    return dict(_parse(path.resolve(), stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=8)
def _parse(path: Path, mtime_ns: int, size: int) -> dict[tuple[str, str], str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise WithdrawnError(f"{path}: not readable JSON: {exc}") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise WithdrawnError(f"{path}: key 'schema': value {_get(data, 'schema')!r}; expected {SCHEMA}")
    entries = data.get("withdrawn")
    if not isinstance(entries, list):
        raise WithdrawnError(f"{path}: key 'withdrawn': value {entries!r}; expected a list of runs")
    out: dict[tuple[str, str], str] = {}
    for i, entry in enumerate(entries):
        for field in FIELDS:
            value = _get(entry, field)
            if not isinstance(value, str) or not value.strip():
                raise WithdrawnError(f"{path}: key 'withdrawn[{i}].{field}': value {value!r}; expected a non-empty "
                                     "string")
        out[(entry["run_id"], entry["cell"])] = entry["reason"]
    return out


def _get(data: Any, key: str) -> Any:
    return data.get(key) if isinstance(data, dict) else None


def keep(records: Iterable[dict[str, Any]], withdrawn: Mapping[tuple[str, str], str]) -> Iterator[dict[str, Any]]:
    """The records no withdrawn run of their cell made."""
    if not withdrawn:
        yield from records
        return
    for rec in records:
        if (rec.get("run_id"), rec.get("cell")) not in withdrawn:
            yield rec
