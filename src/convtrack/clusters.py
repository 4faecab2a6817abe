"""Failures clustered by normalised cause across cases and releases: the signatures page and `changes --by-signature`.

One cluster per (converter, `outcomes.signature_key`) over the newest record of every task: how many results it
covers, their outcomes, their blame (as `witness.shown` gives it), the first and last framework release it was
seen on, and the cases, cells, modes and opsets. Harness failures form clusters too, flagged and sorted last.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from convtrack.analysis import version_key
from convtrack.outcomes import Outcome, signature_key
from convtrack.witness import Key, shown


def _text(value: Any) -> str | None:
    """A stored signature, or None (pandas gives NaN for a missing one)."""
    return value if isinstance(value, str) and value else None


def _silent_key(rec: Mapping[str, Any]) -> str:
    """A failure without an error text (mismatch, wrong_shape): grouped by its first diverging op when known."""
    first = rec.get("first_divergence")
    op = first.get("op_type") if isinstance(first, Mapping) else None
    return f"({rec['outcome']} first diverging at {op})" if op else f"({rec['outcome']}, no signature)"


def _release(rec: Mapping[str, Any]) -> str:
    versions = rec.get("versions") if isinstance(rec.get("versions"), Mapping) else {}
    framework = rec.get("framework") or ("tensorflow" if rec.get("converter") == "tf2onnx" else "torch")
    fw = str((versions or {}).get(framework) or rec.get("framework_version") or "")
    return f"{framework} {fw}".strip()


def cluster(rows: Iterable[Mapping[str, Any]], found: Mapping[Key, str]) -> list[dict[str, Any]]:
    """Clusters of failing rows, biggest converter clusters first, harness clusters last."""
    groups: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for r in rows:
        if Outcome(r["outcome"]) in (Outcome.PASS, Outcome.NOT_APPLICABLE):
            continue
        sig = _text(r.get("signature"))
        groups.setdefault((str(r["converter"]), signature_key(sig) if sig else _silent_key(r)), []).append(r)
    out = [_one(converter, key, part, found) for (converter, key), part in groups.items()]
    return sorted(out, key=lambda g: (g["harness"], -g["count"], g["converter"], g["signature"]))


def _one(converter: str, key: str, part: list[Mapping[str, Any]], found: Mapping[Key, str]) -> dict[str, Any]:
    releases = sorted({_release(r) for r in part}, key=lambda s: version_key(s.rsplit(" ", 1)[-1]))
    blames: Counter[str] = Counter()
    for r in part:
        s = shown(r, found)
        if s is not None:
            blames[s.verdict] += 1
    return {
        "converter": converter, "key": key,
        "signature": next((str(r["signature"]) for r in part if _text(r.get("signature"))), key),
        "count": len(part), "outcomes": sorted({str(r["outcome"]) for r in part}),
        "harness": all(not Outcome(r["outcome"]).is_converter_result for r in part),
        "blame": dict(blames.most_common()), "first_seen": releases[0], "last_seen": releases[-1],
        "releases": releases, "cells": sorted({str(r["cell"]) for r in part}),
        "modes": sorted({str(r.get("mode") or "-") for r in part}), "opsets": sorted({int(r["opset"]) for r in part}),
        "cases": sorted({str(r["case"]) for r in part}), "example": part[0],
    }


def blame_text(blame: Mapping[str, int]) -> str:
    return ", ".join(f"{v} {k}" for k, v in blame.items()) or "-"


def table(clusters: list[dict[str, Any]], width: int = 70) -> str:
    """The clusters as a plain-text table (changes --by-signature)."""
    if not clusters:
        return "no failures"
    header = ("count", "converter", "signature", "outcomes", "blame", "first seen", "last seen", "cases")
    rows = [header] + [(str(c["count"]), c["converter"], c["signature"][:width] + ("…" if len(c["signature"]) > width
                                                                                   else ""),
                        ",".join(c["outcomes"]), blame_text(c["blame"]), c["first_seen"], c["last_seen"],
                        str(len(c["cases"])) + (" (harness)" if c["harness"] else "")) for c in clusters]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows)
