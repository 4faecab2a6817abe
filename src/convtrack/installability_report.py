"""The committed installability data file, reports/installability/<converter>.json: its content, written,
checked and read back, and what readers derive from it.

`convtrack.installability` probes which framework releases install on which interpreter; this module turns its
entries into the data file (`report`, `write`; reports/README.md documents the fields) and reads it back: checked
as a dict (`read`, `read_all`), typed (`Report`, `load`, `load_all`), the kind of an entry's refusal in a few words
for a summary (`kind`, `short_reason`) and the releases that install but have no record yet (`not_run`). Readers
(the site, the findings, the commands) use only this module: they never run uv or ask the index.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

SCHEMA = 1
FOLDER = "installability"

T = TypeVar("T")


class InstallabilityError(ValueError):
    """A malformed installability file or argument: the message names the file, the key and the value."""

    def __init__(self, path: Path | str, key: str, value: Any, problem: str) -> None:
        super().__init__(f"{path}: key '{key}': value {value!r}: {problem}")


@dataclasses.dataclass(frozen=True)
class Interpreter:
    """An interpreter probed (`convtrack.installability.interpreters`); the data file names its minor and version."""

    python: str  # the minor, "3.10"
    version: str | None  # the full version of the real interpreter, "3.10.13"; None when probed as a target
    path: str | None  # never written to the data file (a machine path)


@dataclasses.dataclass
class Entry:
    framework: str
    version: str
    python: str
    interpreter: str | None
    installs: bool | None  # None: the probe itself failed (network, timeout), see reason
    reason: str | None
    resolved: int | None = None  # packages in the resolution, when it installs

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def report(converter: str, framework: str, matrix_python: str, oldest: str, entries: list[Entry],
           interps: list[Interpreter], created: str, uv: str, index_url: str) -> dict[str, Any]:
    """The data file's content (reports/README.md, "Installability")."""
    return {"schema": SCHEMA, "converter": converter, "framework": framework, "created": created, "uv": uv,
            "index": index_url, "platform": f"{sys.platform} {os.uname().machine}" if hasattr(os, "uname")
            else sys.platform, "matrix_python": matrix_python, "oldest": oldest,
            "pythons": {i.python: i.version for i in interps},
            "releases": list(dict.fromkeys(e.version for e in entries)),
            "entries": [e.to_dict() for e in entries]}


def path_for(reports: Path, converter: str) -> Path:
    return reports / FOLDER / f"{converter}.json"


def write(reports: Path, data: dict[str, Any]) -> Path:
    """Write (replace) the converter's file; the JSON is stable (sorted releases, fixed key order) for git diffs."""
    validate(data, "<new report>")
    out = path_for(reports, str(data["converter"]))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(out)
    return out


_ENTRY_TYPES: dict[str, tuple[type, ...]] = {
    "framework": (str,), "version": (str,), "python": (str,), "interpreter": (str, type(None)),
    "installs": (bool, type(None)), "reason": (str, type(None)), "resolved": (int, type(None))}


def validate(data: Any, where: Path | str) -> dict[str, Any]:
    """The file's content, checked: every error names the file, the key and the value."""
    if not isinstance(data, dict):
        raise InstallabilityError(where, "", data, "expected a JSON object")
    if data.get("schema") != SCHEMA:
        raise InstallabilityError(where, "schema", data.get("schema"), f"expected {SCHEMA}")
    for key in ("converter", "framework", "matrix_python"):
        if not isinstance(data.get(key), str):
            raise InstallabilityError(where, key, data.get(key), "expected a string")
    entries = data.get("entries")
    if not isinstance(entries, list):
        raise InstallabilityError(where, "entries", entries, "expected a list")
    for n, e in enumerate(entries):
        if not isinstance(e, dict):
            raise InstallabilityError(where, f"entries[{n}]", e, "expected an object")
        for key, types in _ENTRY_TYPES.items():
            if not isinstance(e.get(key), types) or (key == "resolved" and isinstance(e.get(key), bool)):
                raise InstallabilityError(where, f"entries[{n}].{key}", e.get(key),
                                          f"expected {' or '.join(t.__name__ for t in types)}")
    return data


def read(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InstallabilityError(path, "", None, f"cannot read: {exc.strerror}") from None
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise InstallabilityError(path, "", text[:40], f"not JSON: {exc}") from None
    return validate(data, path)


def _each(reports: Path, reader: Callable[[Path], T]) -> tuple[list[T], list[str]]:
    """`reader` over every converter's file under reports/installability/, and the problems of those it could not
    read."""
    found, problems = [], []
    for path in sorted((reports / FOLDER).glob("*.json")):
        try:
            found.append(reader(path))
        except InstallabilityError as exc:
            problems.append(str(exc))
    return found, problems


def read_all(reports: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """Every converter's file under reports/installability/, and the problems of those that could not be read."""
    return _each(reports, read)


# What kind of refusal an entry's reason is, in few words, for a summary (the page keeps uv's own words). uv words
# a missing wheel for the interpreter as a missing "Python ABI tag" or "Python implementation tag". Only the
# framework's own gap counts: a dependency's missing wheel or release is a resolution that fails (NO_RESOLUTION).
NO_WHEEL, NO_PLATFORM_WHEEL, NOT_ON_INDEX, NO_RESOLUTION, PROBE_FAILED = (
    "no_wheel", "no_platform_wheel", "not_on_index", "no_resolution", "probe_failed")
KINDS = [NO_WHEEL, NO_PLATFORM_WHEEL, NOT_ON_INDEX, NO_RESOLUTION, PROBE_FAILED]  # the order of a summary
_KINDS = [(NO_WHEEL, r"{name}==\S+ has no wheels with a matching Python (ABI|implementation) tag"),
          (NO_PLATFORM_WHEEL, r"{name}==\S+ has no wheels with a matching platform tag"),
          (NOT_ON_INDEX, r"({name} was not found in the (package registry|provided package locations)"
                          r"|there is no version of {name}==\S+)")]


def kind(entry: Entry) -> str | None:
    """The kind of an entry that does not install (None when it installs): uv found no wheel of the release for
    the interpreter, none for the platform, no such package or release, or no resolution of its dependencies; or
    the probe itself failed."""
    if entry.installs is True:
        return None
    if entry.installs is None:
        return PROBE_FAILED
    name = re.escape(entry.framework)
    return next((k for k, pattern in _KINDS if re.search(r"^Because " + pattern.format(name=name) + r"\b",
                                                           entry.reason or "", re.MULTILINE)), NO_RESOLUTION)


def short_reason(entry: Entry) -> str | None:
    """`kind` in a few words, naming the interpreter's wheel tag where that is the gap: "no cp311 wheel"."""
    found = kind(entry)
    if found == NO_WHEEL:
        return f"no cp{entry.python.replace('.', '')} wheel"
    return {None: None, NO_PLATFORM_WHEEL: "no wheel for this platform", NOT_ON_INDEX: "not on the index",
            NO_RESOLUTION: "its dependencies do not resolve", PROBE_FAILED: "probe failed"}[found]


@dataclasses.dataclass(frozen=True)
class Report:
    """One converter's data file, typed (`load`): the dict of `report` as read back."""

    path: Path
    converter: str
    framework: str
    created: str | None
    uv: str | None
    index: str | None
    platform: str | None
    matrix_python: str
    oldest: str | None
    pythons: dict[str, str | None]  # minor -> full version of the interpreter probed, None for a target
    releases: list[str]  # probed, oldest first
    entries: list[Entry]

    @classmethod
    def from_dict(cls, data: dict[str, Any], path: Path) -> Report:
        """From a `validate`d file's content."""
        entries = [Entry(**{k: e[k] for k in _ENTRY_TYPES}) for e in data["entries"]]

        def text(key: str) -> str | None:
            value = data.get(key)
            return value if isinstance(value, str) else None

        pythons = data.get("pythons")
        return cls(path=path, converter=data["converter"], framework=data["framework"], created=text("created"),
                   uv=text("uv"), index=text("index"), platform=text("platform"),
                   matrix_python=data["matrix_python"], oldest=text("oldest"),
                   pythons={str(k): v if isinstance(v, str) else None for k, v in pythons.items()}
                   if isinstance(pythons, dict) else {},
                   releases=list(dict.fromkeys(e.version for e in entries)), entries=entries)


def load(path: Path) -> Report:
    """The file at `path`, checked (`read`) and typed."""
    return Report.from_dict(read(path), path)


def load_all(reports: Path) -> tuple[list[Report], list[str]]:
    """Every converter's file under reports/installability/, typed, and the problems of those that could not be
    read (as `read_all`)."""
    return _each(reports, load)


def not_run(data: dict[str, Any], recorded: set[str]) -> list[str]:
    """Releases that install on the matrix's interpreter but have no record yet, oldest first."""
    ok = [e["version"] for e in data["entries"] if e["python"] == data["matrix_python"] and e["installs"] is True]
    return [v for v in dict.fromkeys(ok) if v not in recorded]

