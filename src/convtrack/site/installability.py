"""The "Not installable" page: framework releases on the package index that cannot be installed here, per
interpreter, with the installer's (uv's) reason, and the releases that install but have no record yet.

It reads the committed data files reports/installability/<converter>.json (written by `convtrack matrix
installable`) through convtrack.installability_report; the build never runs uv or asks the index. uv's reasons are
untrusted text: they reach the page through jinja2's autoescaping like every record value.
"""

from __future__ import annotations

from typing import Any

from convtrack import installability_report
from convtrack.analysis import version_key
from convtrack.matrix_values import CELL_PYTHON_MIN
from convtrack.site.registry import Data, Writer, register_page

VERDICT = {True: "installs", False: "not installable", None: "probe failed"}


def view(files: list[dict[str, Any]], rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per framework: the grid of release × interpreter, the entries that do not install, the releases not run."""
    out = []
    for data in files:
        recorded = {str(r.get("framework_version") or "").partition("+")[0]  # 2.6.0+cpu is a record of 2.6.0
                    for r in rows if r.get("converter") == data["converter"]}
        pythons = sorted({e["python"] for e in data["entries"]}, key=version_key)
        releases = sorted({e["version"] for e in data["entries"]}, key=version_key)
        grid = {(e["version"], e["python"]): e for e in data["entries"]}
        out.append({
            "data": data, "pythons": pythons,
            "grid": [{"version": v, "recorded": v in recorded,
                      "cells": [grid.get((v, p)) for p in pythons]} for v in releases],
            "refused": [e for e in data["entries"] if e["installs"] is False],
            "failed": [e for e in data["entries"] if e["installs"] is None],
            "not_run": installability_report.not_run(data, recorded),
            "counts": {p: {VERDICT[k]: sum(1 for e in data["entries"] if e["python"] == p and e["installs"] is k)
                           for k in (True, False, None)} for p in pythons}})
    return out


@register_page("installability.html", nav="Not installable", order=65)
def _installability_page(w: Writer, d: Data) -> None:
    files, problems = installability_report.read_all(d.reports) if d.reports is not None else ([], [])
    w.page("installability.html", "installability.html", frameworks=view(files, d.rows), problems=problems,
           folder=f"reports/{installability_report.FOLDER}/", verdict=VERDICT,
           cell_python_min=".".join(map(str, CELL_PYTHON_MIN)))
