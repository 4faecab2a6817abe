"""Transitions as a reader scans them: by release pair, then by case, with opsets and modes collapsed.

One row per (case, kind) within a release pair reads "legacy @13 17 18 20 · dynamo @18" instead of eight rows;
the regressions page, its filters and the Atom feed (one entry per release pair) are built from these groups.
"""

from __future__ import annotations

import hashlib
from typing import Any

from convtrack import analysis, causes, converter_info

# Where each axis' source lives, for the upstream comparison between two release tags: the runtime and onnx here,
# each converter's own packages in its description (converter_info: `repos`).
REPOS = {"onnxruntime": "microsoft/onnxruntime", "onnx": "onnx/onnx"}
OPEN_UP_TO = 10  # longer groups start collapsed
KIND_ORDER = {"regression": 0, "fix": 1, "changed": 2}


def repos() -> dict[str, str]:
    return {**REPOS, **{k: v for info in converter_info.known().values() for k, v in info.repos.items()}}


def compare_url(axis: str, before: str, after: str) -> str | None:
    repo = repos().get(axis)
    return f"https://github.com/{repo}/compare/v{before}...v{after}" if repo else None


def modes_text(ts: list[dict[str, Any]]) -> str:
    """'legacy @13 17 18 20 · dynamo @18' (opsets per mode, ascending; '@13' alone without exporter modes)."""
    by: dict[str, set[int]] = {}
    for t in ts:
        by.setdefault(str(t.get("mode") or "-"), set()).add(int(t["opset"]))
    parts = [(f"{m} " if m != "-" else "") + "@" + " ".join(str(o) for o in sorted(os)) for m, os in sorted(by.items())]
    return " · ".join(parts)


def _row(case: str, kind: str, ts: list[dict[str, Any]]) -> dict[str, Any]:
    first = sorted(ts, key=lambda t: (str(t.get("mode")), t["opset"]))[0]
    outcomes = sorted({f"{t['before_outcome']} → {t['after_outcome']}" for t in ts})
    signatures = sorted({str(s) for t in ts for s in (t.get("after_signature"), t.get("before_signature")) if s})
    return {"case": case, "kind": kind, "converter": first["converter"], "modes": modes_text(ts), "count": len(ts),
            "outcomes": outcomes, "signatures": signatures[:3], "more_signatures": max(0, len(signatures) - 3),
            "became_silent": any(t.get("became_silent") for t in ts), "flaky": any(t.get("flaky") for t in ts),
            "blames": sorted({str(t["blame"]) for t in ts if t.get("blame")}),
            "case_href": first["case_href"]}


def pairs(timeline: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Release pairs, newest first, each with its rows (regressions, then fixes, then changed, by case)."""
    groups: dict[tuple[str, str, str, str], list[dict[str, Any]]] = {}
    for t in timeline:
        key = (t["converter"], t["axis"], str(t["before_version"]), str(t["after_version"]))
        groups.setdefault(key, []).append(t)
    out = []
    for (converter, axis, before, after), ts in groups.items():
        by_case: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for t in ts:
            by_case.setdefault((t["kind"], t["case"]), []).append(t)
        rows = [_row(case, kind, part) for (kind, case), part in
                sorted(by_case.items(), key=lambda kv: (KIND_ORDER.get(kv[0][0], 9), kv[0][1]))]
        counts = {k: sum(1 for r in rows if r["kind"] == k) for k in KIND_ORDER}
        # distinct failing signatures behind the regressions and fixes (causes.key_of): one upstream change is one
        counts["causes"] = len({causes.key_of(t) for t in ts if t["kind"] in ("regression", "fix")})
        date = max((t["date"] for t in ts if t["date"]), default="")
        out.append({"converter": converter, "axis": axis, "before": before, "after": after, "rows": rows,
                    "date": date, "date_source": ts[0].get("date_source", ""), "counts": counts,
                    "tasks": len(ts), "release_href": ts[0].get("release_href"),
                    "compare": compare_url(axis, before, after), "open": len(rows) <= OPEN_UP_TO,
                    "id": "p-" + hashlib.sha256(f"{converter}|{axis}|{before}|{after}".encode()).hexdigest()[:12],
                    "silent": sum(1 for r in rows if r["became_silent"])})
    return sorted(out, key=lambda p: (p["date"], analysis.version_key(p["after"]), p["converter"], p["axis"]),
                  reverse=True)
