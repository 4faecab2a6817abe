"""Helpers shared by the site's page modules: formatting, page names, colours, cell metadata.

Page modules work on the newest records as plain dicts (one per converter, cell, case, opset, mode).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from convtrack import analysis, converter_info
from convtrack.outcomes import SHORT, Outcome
from convtrack.site.colours import rate_colour, text_on
from convtrack.store import Record, cell_id, cell_python

HARNESS = {o.value for o in Outcome if not o.is_converter_result}


def fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def detail(row: dict[str, Any]) -> str:
    """The hover / click text of one result: error first, else the error metrics; then its blame."""
    return _outcome_text(row) + blame_text(row)


def blame_text(row: dict[str, Any]) -> str:
    """' · blame: runtime (...) · first diverging node: Div /Div (max_abs 1)', or '' where blame does not apply."""
    shown = row.get("blame_shown")
    if shown is None:
        return ""
    out = f" · blame: {shown.label}: {shown.reason}"
    first = row.get("first_divergence")
    if isinstance(first, dict):
        out += " · " + divergence_text(first)
    return out


def divergence_text(first: dict[str, Any]) -> str:
    if first.get("op_type"):
        return (f"first diverging node ({first.get('against')}): {first['op_type']} {first.get('node') or ''} "
                f"-> {first.get('output')} (max_abs {fmt(first.get('max_abs'))})")
    return f"no first diverging node: {first.get('reason')}"


def _outcome_text(row: dict[str, Any]) -> str:
    outcome = row["outcome"]
    if outcome == Outcome.NOT_APPLICABLE:
        return f"not applicable: {row.get('reason') or ''}"
    if row.get("error") or row.get("signature"):
        return f"{outcome}: {row.get('error') or row.get('signature')}"
    m = row.get("metrics") or {}
    if isinstance(m, dict) and m:
        return (f"{outcome}: max_abs={fmt(m.get('max_abs'))} max_rel={fmt(m.get('max_rel'))} "
                f"mismatch={fmt(m.get('mismatch_fraction'))} seed={fmt(row.get('failed_seed'))}{noise(m)}")
    return f"{outcome}: {row.get('reason') or ''}"


def noise(metrics: dict[str, Any]) -> str:
    """How far past the framework's own float32 noise the error is (records calibrated against float64)."""
    tol = metrics.get("tolerance")
    if not isinstance(tol, dict):
        return ""
    if tol.get("exact"):
        return " (integer or boolean output: compared for equality)"
    if isinstance(tol.get("noise_ratio"), int | float) and tol.get("noise"):
        return f" ({fmt(tol['noise_ratio'])}x the float64-calibrated noise {fmt(tol['noise'])})"
    return f" (tolerance {tol.get('source') or 'fixed'}: atol={fmt(tol.get('atol'))} rtol={fmt(tol.get('rtol'))})"


def slug(text: str) -> str:
    """A file-name-safe, stable form of a case id or version: 'issues/pytorch_1' -> 'issues--pytorch_1'."""
    return re.sub(r"[^A-Za-z0-9_.+-]", "_", str(text).replace("/", "--"))


def case_page(case: str) -> str:
    return f"cases/{slug(case)}.html"


def release_page(converter: str, axis: str, version: str) -> str:
    return f"releases/{slug(converter)}-{slug(axis)}-{slug(version)}.html"


def anchor(cell: str, mode: Any, opset: Any) -> str:
    return "r-" + slug(f"{cell}-{mode or '-'}-{opset}")


def counts(outcomes: list[str]) -> dict[str, Any]:
    """Pass rate of converter results (harness outcomes excluded) and counts per outcome, pipeline order."""
    by = {o.value: 0 for o in Outcome}
    for o in outcomes:
        by[o] = by.get(o, 0) + 1
    applicable = sum(n for o, n in by.items() if o not in HARNESS)
    passed = by.get("pass", 0)
    return {"passed": passed, "applicable": applicable, "total": len(outcomes),
            "by": {o: n for o, n in by.items() if n}, "colour": rate_colour(passed, applicable),
            "text": text_on(rate_colour(passed, applicable)),
            "label": f"{passed}/{applicable}" if applicable else _harness_label(by)}


def _harness_label(by: dict[str, int]) -> str:
    present = [o for o in ("env_error", "build_error", "not_applicable") if by.get(o)]
    return SHORT[Outcome(present[0])] if present else ""


def counts_text(by: dict[str, int]) -> str:
    return ", ".join(f"{o} {n}" for o, n in by.items())


def latest_rows(df: Any) -> list[dict[str, Any]]:
    """The newest record of every result, as dicts, with mode '-' for converters without modes (from a frame)."""
    if df.empty:
        return []
    known = {o.value for o in Outcome}
    rows = [r for r in analysis.latest(df).to_dict("records") if r.get("outcome") in known]
    for r in rows:
        for k, v in r.items():
            if isinstance(v, float) and v != v:  # pandas' NaN for a missing value
                r[k] = None
        r["mode"] = r.get("mode") if isinstance(r.get("mode"), str) else "-"
        r["opset"] = int(r["opset"])
        r["versions"] = r.get("versions") if isinstance(r.get("versions"), dict) else {}
    return rows


RECORD_FIELDS = tuple(f.name for f in dataclasses.fields(Record))


def page_rows(latest: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """latest_rows from records_index.Index.latest, without pandas: the same rows, in the same order, except that
    integers stay integers (a frame turns a column with gaps into floats: failed_seed 0.0, produced_opset 17.0).

    Every field a record may have is present (None when absent), as the frame's columns were: templates are strict.
    """
    fields = set(RECORD_FIELDS).union(*(r.keys() for r in latest))
    rows = []
    for rec in latest:
        r: dict[str, Any] = dict.fromkeys(fields) | rec
        r["mode"] = r["mode"] if isinstance(r["mode"], str) else "-"
        r["opset"] = int(r["opset"])
        r["versions"] = r["versions"] if isinstance(r["versions"], dict) else {}
        r["framework_version"] = r["versions"].get(r["framework"], "")
        rows.append(r)
    return rows


def cell_info(rows: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    """Per (converter, cell): framework and converter versions, the other axes, ordered by version."""
    info: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        key = (r["converter"], r["cell"])
        if key in info:
            continue
        versions = r["versions"]
        described = converter_info.describe(r["converter"], r.get("framework") or "")
        framework = r.get("framework") or described.framework
        fw_version = str(versions.get(framework, "") or r.get("framework_version") or "")
        package = described.converter_package
        conv_version = str(versions.get(package, "")) if package != framework and package in versions else fw_version
        raw = r.get("axes")
        axes: dict[str, str] = raw if isinstance(raw, dict) else {}
        # a cell on another interpreter than its matrix's carries it in its id ('...-py3.10'), and so in its label
        other_python = cell_python(r["cell"])
        others = cell_id({k: v for k, v in axes.items() if k not in (framework, r["converter"])},  # from the record
                         other_python)
        python = str(versions.get("python") or other_python or "3.11")
        info[key] = {"converter": r["converter"], "cell": r["cell"], "framework": framework,
                     "framework_version": fw_version, "converter_version": conv_version, "others": others,
                     "python": ".".join(python.split(".")[:2]), "versions": versions,
                     # the versions a result is a result of, in label order: {"tensorflow": "2.15.1", "tf2onnx": ...}
                     "release": {axis: fw_version if axis == framework else str(versions.get(axis, ""))
                                 for axis in described.release_axes}}
    return info


def ordered_cells(info: dict[tuple[str, str], dict[str, Any]], converter: str) -> list[dict[str, Any]]:
    cells = [c for (conv, _), c in info.items() if conv == converter]
    return sorted(cells, key=lambda c: (analysis.version_key(c["framework_version"]),
                                        analysis.version_key(c["converter_version"]), c["cell"]))


def outcome_short() -> dict[str, str]:
    return {o.value: s for o, s in SHORT.items()}
