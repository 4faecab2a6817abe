"""`convtrack doctor`: validate every record against the documented schema and say what would be upgraded.

Unlike the other commands, which stop at the first unreadable record (exit 2), doctor reads on and lists
every problem with its file and line, so a damaged folder is seen whole before it is mended.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from convtrack import replay, store


@dataclass
class Diagnosis:
    files: int = 0
    records: int = 0
    by_schema: Counter[int] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)  # "file:line: problem"
    warnings: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        """True when every record is readable."""
        return not self.errors

    def to_dict(self) -> dict[str, object]:
        return {"files": self.files, "records": self.records, "by_schema": dict(self.by_schema),
                "errors": self.errors, "warnings": self.warnings, "ok": bool(self)}


def _check_line(path: Path, lineno: int, line: str, last: bool, result: Diagnosis) -> None:
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        target = result.warnings if last else result.errors
        target.append(f"{path}:{lineno}: {'torn last line' if last else 'not JSON'} ({exc.msg})")
        return
    if not isinstance(data, dict):
        result.errors.append(f"{path}:{lineno}: a record must be a JSON object")
        return
    schema = data.get("schema")
    result.by_schema[schema if isinstance(schema, int) else -1] += 1
    try:
        store.validate(store.upgrade(data))
    except (store.SchemaError, KeyError, TypeError) as exc:
        result.errors.append(f"{path}:{lineno}: {exc}")
        return
    result.records += 1


def diagnose(reports: Path) -> Diagnosis:
    """Every record file under `reports` (the replay track's under reports/replay/ too), checked line by line."""
    result = Diagnosis()
    for path in [*store.iter_files(reports), *replay.iter_files(reports)]:
        result.files += 1
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        numbered = [(n, ln) for n, ln in enumerate(lines, 1) if ln.strip()]
        for i, (lineno, line) in enumerate(numbered):
            _check_line(path, lineno, line, i == len(numbered) - 1, result)
    return result


def doctor(args: argparse.Namespace) -> int:
    result = diagnose(args.reports)
    if args.json:
        print(json.dumps(result.to_dict(), indent=1))
    else:
        schemas = ", ".join(f"schema {k}: {v}" for k, v in sorted(result.by_schema.items()))
        print(f"{result.records} readable records in {result.files} files ({schemas}); current schema is "
              f"{store.SCHEMA_VERSION}, older records are upgraded on read")
        for line in result.warnings:
            print(f"warning: {line}", file=sys.stderr)
        for line in result.errors:
            print(f"error: {line}", file=sys.stderr)
    return 0 if result else 2


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("doctor", help="validate every record against the schema (exit 2 if any is unreadable)",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--json", action="store_true", help="the diagnosis as JSON")
    p.set_defaults(func=doctor)
