"""An index of the records: every record reduced to what transitions compare, and the newest record per task.

At 100,000 records loading every record into pandas was most of `site build` and `changes` (audit 2026-11-30):
yet the pages need only the newest record of each task (converter, cell, case, opset, mode) in full, and the
transition scan only a few fields of every record. One pass over the files builds both; the reduced rows of each
file are cached in `reports/.cache/` (JSON, never executable), keyed by the file's size and mtime, so the next
command parses only files that are new or grew, and reads the newest records again by their byte offsets.

The results are those of the pandas path: `latest` is `analysis.latest` (newest by (created, run_id), ties to the
record read last, in that order) and `slim` holds every record in load order (tests/test_records_index.py).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import json
import os
import tempfile
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Mapping
from pathlib import Path
from typing import Any

from convtrack import confounds, protocol, store, withdrawn
from convtrack.outcomes import Outcome

CACHE = Path(".cache") / "records-index.json"  # under the reports folder
FORMAT = 5  # bump when a cached row's fields change: an old cache is then ignored

# A cached row: offset, converter, cell, case, opset, mode, case_hash, harness_version, created, run_id, outcome,
# signature, tier, index of its axes in the file's table, index of its versions in the file's table, produced
# opset, what a pass or mismatch was judged by (`_judged`) and the outcome of its repeat on a fresh worker.
Row = list[Any]
TaskKey = tuple[str, str, str, int, str]  # converter, cell, case, opset, mode ("-" when none)


@dataclasses.dataclass
class Index:
    latest: list[dict[str, Any]]  # the newest record of every task, in full, ordered as analysis.latest orders
    slim: list[dict[str, Any]]  # every record, load order, with the fields transitions.scan reads
    outcomes: Counter[str]  # records per outcome, every record counted
    total: int


def _tier(metrics: Any) -> int | None:
    tier = metrics.get("tier") if isinstance(metrics, dict) else None
    return int(tier) if isinstance(tier, int | float) and tier == tier else None


def _judged(metrics: Any) -> list[Any] | None:
    """What a pass or mismatch was judged by (confounds.calibration_differs and reference_ignored read it): the
    tolerance's `method`, its effective `atol`, `exact`, the error's `max_abs`, and `inputs_ignored`."""
    tol = metrics.get("tolerance") if isinstance(metrics, dict) else None
    if not isinstance(tol, dict):
        return None
    return [tol.get("method"), tol.get("atol"), tol.get("exact"), metrics.get("max_abs"), metrics.get("inputs_ignored")]


def _summarise(path: Path, warn: Callable[[str], None]) -> dict[str, Any]:
    """The cached form of one file: a row per record, its axes and versions tables shared by the rows."""
    rows: list[Row] = []
    tables: dict[str, dict[Any, tuple[int, Any]]] = {"axes": {}, "versions": {}}
    for offset, r in store.read_file_offsets(path, warn):
        refs = []
        for name in ("axes", "versions"):
            value = r.get(name)
            value = value if isinstance(value, dict) else None
            try:  # the records of one run share their axes and versions: stored once per file
                key: Any = tuple(value.items()) if value is not None else None
                hash(key)
            except TypeError:  # an unhashable value inside (not written by convtrack): compare its text
                key = json.dumps(value, sort_keys=True)
            refs.append(tables[name].setdefault(key, (len(tables[name]), value))[0])
        sig = r.get("signature")
        mode = r.get("mode")
        rows.append([offset, r["converter"], r["cell"], r["case"], int(r["opset"]),
                     mode if isinstance(mode, str) else "-", r.get("case_hash"), r.get("harness_version"),
                     str(r["created"]), str(r["run_id"]), r["outcome"].value, sig if isinstance(sig, str) else None,
                     _tier(r.get("metrics")), *refs, store.produced_opset(r), _judged(r.get("metrics")),
                     confounds.repeated(r)])
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "rows": rows,
            "axes": [v for _, v in tables["axes"].values()], "versions": [v for _, v in tables["versions"].values()]}


def _read_cache(reports: Path) -> dict[str, Any]:
    try:
        data = json.loads((reports / CACHE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("files", {}) if isinstance(data, dict) and data.get("format") == FORMAT else {}


def _write_cache(reports: Path, files: dict[str, Any]) -> None:
    """Best effort, atomic: a read-only records folder still reads, only slower."""
    folder = (reports / CACHE).parent
    try:
        folder.mkdir(exist_ok=True)
        ignore = folder / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# convtrack's cache of the records index: safe to delete\n*\n", encoding="utf-8")
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".records-index-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"format": FORMAT, "files": files}, fh, separators=(",", ":"))
        os.replace(tmp, reports / CACHE)
    except OSError:
        pass


def summaries(reports: Path, warn: Callable[[str], None] = store._warn,
              cache: bool = True) -> list[tuple[Path, dict[str, Any]]]:
    """(file, summary) for every records file in load order; parses only files the cache does not hold as they are."""
    cached = _read_cache(reports) if cache else {}
    out: list[tuple[Path, dict[str, Any]]] = []
    changed = False
    for path in store.iter_files(reports):
        rel = path.relative_to(reports).as_posix()
        stat = path.stat()
        entry = cached.get(rel)
        if not entry or entry.get("size") != stat.st_size or entry.get("mtime_ns") != stat.st_mtime_ns:
            entry, changed = _summarise(path, warn), True
        out.append((path, entry))
    if cache and (changed or len(out) != len(cached)):
        _write_cache(reports, {p.relative_to(reports).as_posix(): e for p, e in out})
    return _without(out, withdrawn.load(reports))


def _without(files: list[tuple[Path, dict[str, Any]]], gone: Mapping[tuple[str, str], str]
             ) -> list[tuple[Path, dict[str, Any]]]:
    """The summaries with the rows of withdrawn runs left out (the cache keeps every row: the ledger may change)."""
    if not gone:
        return files
    return [(path, {**entry, "rows": [row for row in entry["rows"] if (row[9], row[2]) not in gone]})
            for path, entry in files]


def _slim(row: Row, axes: list[Any], versions: list[Any]) -> dict[str, Any]:
    return {"converter": row[1], "cell": row[2], "case": row[3], "opset": row[4], "mode": row[5],
            "case_hash": row[6], "harness_version": row[7], "created": row[8], "run_id": row[9],
            "outcome": Outcome(row[10]), "signature": row[11], "metrics": _metrics(row[12], row[16]),
            "axes": axes[row[13]], "versions": versions[row[14]], "produced_opset": row[15],
            "tags": [f"{protocol.REPEAT_TAG}{row[17]}"] if row[17] else []}


def _metrics(tier: int | None, judged: list[Any] | None) -> dict[str, Any]:
    """The slim row's metrics, in the record's own shape."""
    if not judged:
        return {"tier": tier}
    method, atol, exact, max_abs, ignored = judged
    out = {"tier": tier, "max_abs": max_abs, "tolerance": {"method": method, "atol": atol, "exact": exact}}
    return {**out, "inputs_ignored": True} if ignored else out


def _newest(files: list[tuple[Path, dict[str, Any]]], only: Collection[TaskKey] | None = None
            ) -> list[tuple[Path, int]]:
    """(file, offset) of the newest record of every task (of the tasks `only` names), ordered by (created, run_id),
    ties by load order."""
    best: dict[TaskKey, tuple[str, str, int, Path, int]] = {}
    seq = 0
    for path, entry in files:
        for row in entry["rows"]:
            key = (row[1], row[2], row[3], row[4], row[5])
            if only is not None and key not in only:
                seq += 1
                continue
            order = (row[8], row[9], seq)
            held = best.get(key)
            if held is None or order >= held[:3]:
                best[key] = (*order, path, row[0])
            seq += 1
    return [(path, offset) for *_, path, offset in sorted(best.values(), key=lambda b: b[:3])]


def _full(newest: list[tuple[Path, int]]) -> list[dict[str, Any]]:
    """The records at these offsets, read one file at a time (each file opened once), in the given order."""
    by_file: dict[Path, list[int]] = {}
    for path, offset in newest:
        by_file.setdefault(path, []).append(offset)
    found: dict[tuple[Path, int], dict[str, Any]] = {}
    for path, offsets in by_file.items():
        with open(path, "rb") as fh:
            for offset in sorted(offsets):
                fh.seek(offset)
                found[(path, offset)] = store.parse(json.loads(fh.readline()), f"{path}@{offset}")
    return [found[key] for key in newest]


def records_of(reports: Path, converter: str, case: str, warn: Callable[[str], None] = store._warn,
               cache: bool = True) -> list[dict[str, Any]]:
    """Every record of one case in full, in load order (store.load filtered), without parsing the other cases'."""
    files = summaries(reports, warn, cache)
    return _full([(path, row[0]) for path, entry in files for row in entry["rows"]
                  if row[1] == converter and row[3] == case])


def newest_of(reports: Path, tasks: Collection[TaskKey], warn: Callable[[str], None] = store._warn,
              cache: bool = True) -> list[dict[str, Any]]:
    """The newest record of each of these tasks, in full (what `changes` reads blame from, without the rest)."""
    with _no_gc():
        return _full(_newest(summaries(reports, warn, cache), tasks))


def load(reports: Path, warn: Callable[[str], None] = store._warn, cache: bool = True) -> Index:
    """The index of the records under `reports` (see the module's docstring)."""
    with _no_gc():
        files = summaries(reports, warn, cache)
        rows = _slim_rows(files)
        latest = _full(_newest(files))
    return Index(latest=latest, slim=rows, outcomes=Counter(r["outcome"].value for r in rows), total=len(rows))


def slim(reports: Path, warn: Callable[[str], None] = store._warn, cache: bool = True) -> list[dict[str, Any]]:
    """Only Index.slim: what `changes` needs, without the newest records in full (~12 KB each in memory)."""
    with _no_gc():
        return _slim_rows(summaries(reports, warn, cache))


def _slim_rows(files: list[tuple[Path, dict[str, Any]]]) -> list[dict[str, Any]]:
    return [_slim(row, e["axes"], e["versions"]) for _, e in files for row in e["rows"]]


@contextlib.contextmanager
def _no_gc() -> Iterator[None]:
    """Many small containers, none cyclic: the collector's passes over them only cost time (see store.load)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
