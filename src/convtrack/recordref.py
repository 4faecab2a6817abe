"""RECORD: how a user names one record on the command line (`convtrack repro RECORD`, `convtrack reduce RECORD`).

Two forms, both shown on the site's case pages next to every failing result:

- the record id (`store.record_id`, 20 hex digits), or a unique prefix of at least 6 of them;
- `CELL/CASE@OPSET/MODE`, e.g. `torch2.15.0-ort1.20.1-onnx1.17.0/issues/pytorch_78442@17/legacy`: the cell id as
  `convtrack changes` and the matrix print it, the case id, the opset and the exporter mode (`-` or left out for
  converters without modes). `@OPSET/MODE` may be left out: the newest record of the cell and case is taken.

The newest matching record wins (by `created`, then run id), so a re-run supersedes an older verdict.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from convtrack import store

HELP = ("RECORD is a record id (or a unique prefix of at least 6 hex digits) or CELL/CASE@OPSET/MODE, e.g. "
        "torch2.15.0-ort1.20.1-onnx1.17.0/issues/pytorch_78442@17/legacy (MODE '-' or left out for tf2onnx; "
        "@OPSET/MODE left out: any). Both are shown beside every failing result on the site's case pages; "
        "the newest matching record is used.")

_ID = re.compile(r"^[0-9a-f]{6,40}$")
_REF = re.compile(r"^(?P<cell>[^/@]+)/(?P<case>[^@]+?)(?:@(?P<opset>\d+)(?:/(?P<mode>[A-Za-z_-]+))?)?$")


class RecordNotFound(store.SchemaError):
    """No record (or more than one record id) matches; the message says what was looked for and what exists."""


def ref(record: dict[str, Any]) -> str:
    """The CELL/CASE@OPSET/MODE form of a record."""
    return f"{record['cell']}/{record['case']}@{record['opset']}/{record.get('mode') or '-'}"


def _newest(found: list[dict[str, Any]]) -> dict[str, Any]:
    return max(found, key=lambda r: (str(r.get("created", "")), str(r.get("run_id", ""))))


def _by_ref(text: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    m = _REF.match(text)
    if m is None:
        return []
    mode = m.group("mode")
    return [r for r in records if r["cell"] == m.group("cell") and r["case"] == m.group("case")
            and (m.group("opset") is None or int(r["opset"]) == int(m.group("opset")))
            and (mode is None or (r.get("mode") or "-") == mode)]


def find(text: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    """The newest record RECORD names; RecordNotFound with what was looked for otherwise."""
    text = text.strip()
    if _ID.match(text):
        ids = {str(r["record_id"]) for r in records if str(r["record_id"]).startswith(text)}
        if len(ids) > 1:
            raise RecordNotFound(f"record id prefix {text!r} matches {len(ids)} records: give more digits")
        if ids:
            return _newest([r for r in records if r["record_id"] in ids])
    found = _by_ref(text, records)
    if found:
        return _newest(found)
    cells = sorted({r["cell"] for r in records})
    hint = f"; recorded cells: {', '.join(cells[:8])}{' ...' if len(cells) > 8 else ''}" if cells else ""
    raise RecordNotFound(f"no record matches {text!r}. {HELP}{hint}")


def resolve(text: str, reports: Path) -> dict[str, Any]:
    """The newest record under `reports` that RECORD names."""
    return find(text, store.load(reports))


def environment(reports: Path, record: dict[str, Any]) -> dict[str, Any] | None:
    """The environment sidecar of the record's run (`<run>.env.json`: the cell and its `uv pip freeze`), if kept.

    A record of a run that skipped every task has no sidecar of its own: then the newest sidecar of the same cell
    with the same environment lock stands in.
    """
    import json

    folder = store.run_file(reports, record["converter"], record["cell"], record["run_id"]).parent
    own = folder / f"{record['run_id']}.env.json"
    candidates = [own] + sorted(folder.glob("*.env.json"), reverse=True)
    for path in candidates:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if path == own or (record.get("env_lock") and data.get("env_lock") == record.get("env_lock")):
            return data if isinstance(data, dict) else None
    return None


def frozen(env: dict[str, Any] | None) -> dict[str, str]:
    """name -> version of a sidecar's freeze (lower-case names, `-` for `_`), empty without one."""
    out: dict[str, str] = {}
    for line in (env or {}).get("freeze") or []:
        name, sep, version = str(line).partition("==")
        if sep:
            out[normal(name)] = version.strip()
    return out


def normal(name: str) -> str:
    """A distribution name in PEP 503 normal form."""
    return re.sub(r"[-_.]+", "-", name).lower()
