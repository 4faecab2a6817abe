"""The data behind the pages, for download: the newest record per task, the transitions, a CSV per converter,
and a shields-style SVG badge per converter x release x exporter mode. data.html documents every file.

Everything written goes through `public` (no machine paths) and is written deterministically (sorted keys, gzip
without a timestamp), so rebuilding over the same records gives the same bytes.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from typing import Any

from markupsafe import escape

from convtrack.outcomes import Outcome
from convtrack.site.colours import hex_colour, rate_colour, text_on
from convtrack.site.common import cell_info, slug
from convtrack.site.public import public, public_text
from convtrack.site.registry import Data, Writer, register_page
from convtrack.transitions import probe_cells

# What a record keeps in records.json.gz (reports/README.md documents each field)
FIELDS = ["converter", "framework", "cell", "case", "case_kind", "case_hash", "opset", "mode", "outcome", "signature",
          "error", "reason", "metrics", "failed_seed", "versions", "axes", "run_id", "created", "blame",
          "first_divergence"]
CSV_FIELDS = ["case", "case_kind", "cell", "framework_version", "converter_version", "opset", "mode", "outcome",
              "signature", "blame", "run_id", "created"]


TEXT_FIELDS = ("signature", "error", "reason")  # text fields that quote errors, so machine paths
QUOTING_FIELDS = ("blame", "first_divergence")  # objects whose reasons quote errors (an ImportError names its file)


def records(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for r in sorted(rows, key=_order):
        rec = {k: r.get(k) for k in FIELDS}
        for k in TEXT_FIELDS:
            text = rec[k]
            if isinstance(text, str):
                rec[k] = public_text(text)
        for k in QUOTING_FIELDS:
            rec[k] = public(rec[k]) if isinstance(rec[k], dict) else None
        out.append(rec)
    return out


def _order(r: dict[str, Any]) -> tuple[str, str, str, str, int]:
    return (r["converter"], r["cell"], r["case"], str(r["mode"]), int(r["opset"]))


def to_csv(rows: list[dict[str, Any]], info: dict[tuple[str, str], dict[str, Any]]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    w.writeheader()
    for r in sorted(rows, key=_order):
        c = info[(r["converter"], r["cell"])]
        shown = r.get("blame_shown")  # the verdict every page shows (witness.shown), empty where none applies
        row = {k: r.get(k) for k in CSV_FIELDS} | {"framework_version": c["framework_version"],
                                                    "converter_version": c["converter_version"],
                                                    "blame": shown.verdict if shown is not None else None}
        w.writerow({k: public_text(v) if isinstance(v, str) else v for k, v in row.items()})
    return buf.getvalue()


def badge(label: str, value: str, colour: str) -> str:
    """A flat shields.io-style badge; widths from an average glyph width of the 11 px font."""
    lw, vw = 10 + int(6.2 * len(label)), 10 + int(6.2 * len(value))
    colour = hex_colour(colour)
    text = text_on(colour)
    lab, val = escape(label), escape(value)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{lw + vw}" height="20" role="img" '
            f'aria-label="{lab}: {val}"><title>{lab}: {val}</title>'
            f'<rect width="{lw}" height="20" fill="#444"/><rect x="{lw}" width="{vw}" height="20" fill="{colour}"/>'
            f'<g font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle">'
            f'<text x="{lw / 2:.1f}" y="14" fill="#fff">{lab}</text>'
            f'<text x="{lw + vw / 2:.1f}" y="14" fill="{text}">{val}</text></g></svg>\n')


def badges(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per converter x release (framework, and converter when it is its own package) x mode, over full runs."""
    probes = probe_cells(rows)
    info = cell_info(rows)
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for r in rows:
        if (r["converter"], r["cell"]) in probes or not Outcome(r["outcome"]).is_converter_result:
            continue
        c = info[(r["converter"], r["cell"])]
        release = " ".join(f"{axis} {version}" for axis, version in c["release"].items())
        groups.setdefault((r["converter"], release, str(r["mode"])), []).append(r)
    out = []
    for (converter, release, mode), part in sorted(groups.items()):
        passed = sum(1 for r in part if r["outcome"] == Outcome.PASS.value)
        label = release + ("" if mode == "-" else f" {mode}")
        out.append({"converter": converter, "release": release, "mode": mode, "label": label,
                    "value": f"{round(100 * passed / len(part))} % pass", "passed": passed, "applicable": len(part),
                    "colour": rate_colour(passed, len(part)),
                    "path": f"data/badges/{slug(converter)}-{slug(label.replace(' ', '-'))}.svg"})
    return out


@register_page("data.html", nav="Data", order=80)
def _data_page(w: Writer, d: Data) -> None:
    data = w.out / "data"
    (data / "badges").mkdir(parents=True, exist_ok=True)
    payload = json.dumps(records(d.rows), sort_keys=True, default=str).encode()
    (data / "records.json.gz").write_bytes(gzip.compress(payload, mtime=0))
    (data / "transitions.json").write_text(json.dumps(public(d.timeline), sort_keys=True, default=str, indent=1),
                                           encoding="utf-8")
    info = cell_info(d.rows)
    files = []
    for converter in sorted({r["converter"] for r in d.rows}):
        name = f"data/{slug(converter)}.csv"
        (w.out / name).write_text(to_csv([r for r in d.rows if r["converter"] == converter], info), encoding="utf-8")
        files.append({"converter": converter, "path": name})
    found = badges(d.rows)
    for b in found:
        (w.out / b["path"]).write_text(badge(b["label"], b["value"], b["colour"]), encoding="utf-8")
    w.page("data.html", "data.html", csvs=files, badges=found, fields=FIELDS, csv_fields=CSV_FIELDS,
           records=len(d.rows), transitions=len(d.timeline))
