"""The static site: jinja2 templates in site/templates rendered over the records into site/_build.

Every value from a record goes through jinja2's autoescaping: converter messages are untrusted text.
All links are relative, so the build works opened from disk and served under a sub-path.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from convtrack import analysis
from convtrack.outcomes import COLOURS, SHORT, Outcome

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "site" / "templates"
STATIC = ROOT / "site" / "static"


def environment() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=jinja2.select_autoescape(["html", "xml"], default=True),
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(colours={o.value: c for o, c in COLOURS.items()}, short={o.value: s for o, s in SHORT.items()},
                       outcomes=[o.value for o in Outcome])
    env.filters["fmt"] = _fmt
    return env


def _fmt(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value)


def detail(row: dict[str, Any]) -> str:
    """The hover / click text of one result: error first, else the error metrics."""
    outcome = row["outcome"]
    if outcome == "not_applicable":
        return f"not applicable: {row.get('reason') or ''}"
    if row.get("error") or row.get("signature"):
        return f"{outcome}: {row.get('error') or row.get('signature')}"
    m = row.get("metrics") or {}
    if m:
        return (f"{outcome}: max_abs={_fmt(m.get('max_abs'))} max_rel={_fmt(m.get('max_rel'))} "
                f"mismatch={_fmt(m.get('mismatch_fraction'))} seed={_fmt(row.get('failed_seed'))}")
    return f"{outcome}: {row.get('reason') or ''}"


def matrix_view(df: Any) -> list[dict[str, Any]]:
    """Per converter: column headers (cell > mode > opset) and one row of results per case."""
    views = []
    latest = analysis.latest(df)
    for converter, part in latest.groupby("converter", sort=True):
        cells = analysis.cell_order(part)
        cols = sorted({(c, m, o) for c, m, o in part[["cell", "mode", "opset"]].itertuples(index=False)},
                      key=lambda k: (cells.index(k[0]), k[1], k[2]))
        index = {(r["case"], r["cell"], r["mode"], r["opset"]): r for r in part.to_dict("records")}
        rows = []
        for case in sorted(part["case"].unique()):
            results = []
            for col in cols:
                r = index.get((case, *col))
                results.append(None if r is None else {"outcome": r["outcome"], "detail": detail(r)})
            rows.append({"case": case, "kind": part[part["case"] == case]["case_kind"].iloc[0], "results": results})
        groups = [(c, sum(1 for k in cols if k[0] == c)) for c in cells]
        modes = []
        for c in cells:
            for m in sorted({k[1] for k in cols if k[0] == c}):
                modes.append((m, sum(1 for k in cols if k[0] == c and k[1] == m)))
        views.append({"converter": converter, "groups": groups, "modes": modes, "columns": cols, "rows": rows})
    return views


def build(reports: Path, out: Path) -> Path:
    """Render the site; returns the index path."""
    df = analysis.load(reports)
    env = environment()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if STATIC.exists():
        shutil.copytree(STATIC, out / "static")
    counts = df["outcome"].value_counts().to_dict() if not df.empty else {}
    index = out / "index.html"
    index.write_text(env.get_template("index.html").render(
        views=matrix_view(df) if not df.empty else [], counts=counts, total=len(df),
        generated=_now(), root="."), encoding="utf-8")
    return index


def _now() -> str:
    from convtrack.store import now

    return now()
