"""triage.toml: known failures that do not fail the gate (they are listed), each with a reason and an issue link.

    [[known]]
    case = "issues/pytorch_131272"     # required: case id
    opset = 18                         # optional: only this opset (default: every opset)
    mode = "legacy"                    # optional: only this exporter mode
    reason = "legacy exporter drops the output shape"   # required
    issue = "https://github.com/pytorch/pytorch/issues/131272"   # required
    expires = "2.17"                   # optional: from this candidate version on, the entry no longer suppresses

An expired entry stops suppressing: the regression fails the gate again and the entry is reported as expired.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

KEYS = {"case", "opset", "mode", "reason", "issue", "expires"}


class TriageError(ValueError):
    """A malformed triage file: names the file, the entry and the key."""


@dataclasses.dataclass(frozen=True)
class Known:
    case: str
    reason: str
    issue: str
    opset: int | None = None
    mode: str | None = None
    expires: str | None = None

    def covers(self, case: str, opset: int, mode: str | None) -> bool:
        return (self.case == case and (self.opset is None or self.opset == opset)
                and (self.mode is None or self.mode == (mode or "-")))

    def expired(self, version: str | None) -> bool:
        """True once the candidate version reaches `expires` (the release the fix is promised for)."""
        if self.expires is None or not version:
            return False
        try:
            return Version(version) >= Version(self.expires)
        except InvalidVersion:
            return False

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def parse(text: str, path: Path | str = "triage.toml") -> list[Known]:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TriageError(f"{path}: not valid TOML: {exc}") from None
    extra = set(raw) - {"known"}
    if extra:
        raise TriageError(f"{path}: unknown top-level key {sorted(extra)[0]!r}; use [[known]] entries")
    entries = []
    for i, entry in enumerate(raw.get("known", [])):
        where = f"{path}: known[{i}]"
        unknown = set(entry) - KEYS
        if unknown:
            raise TriageError(f"{where}: unknown key {sorted(unknown)[0]!r}; use {sorted(KEYS)}")
        for key in ("case", "reason", "issue"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise TriageError(f"{where}: key {key!r} is required (a string)")
        if "opset" in entry and not isinstance(entry["opset"], int):
            raise TriageError(f"{where}: key 'opset': {entry['opset']!r} is not an integer")
        expires = entry.get("expires")
        if expires is not None:
            try:
                Version(str(expires))
            except InvalidVersion:
                raise TriageError(f"{where}: key 'expires': {expires!r} is not a PEP 440 version") from None
        entries.append(Known(entry["case"], entry["reason"], entry["issue"], entry.get("opset"), entry.get("mode"),
                             str(expires) if expires is not None else None))
    return entries


def load(path: Path) -> list[Known]:
    return parse(path.read_text(encoding="utf-8"), path) if path.exists() else []


def lookup(entries: list[Known], case: str, opset: int, mode: str | None) -> Known | None:
    return next((k for k in entries if k.covers(case, opset, mode)), None)
