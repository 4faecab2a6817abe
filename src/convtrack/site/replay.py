"""The replay track's page: each kept model replayed on onnxruntime releases, and the runtime's transitions.

The records are the replay track's own (reports/replay/, convtrack.replay), never the converter track's; the
transitions come from the one classifier through convtrack.replay_track and are blamed on the runtime by
construction. The same data goes to data/replay.json.
"""

from __future__ import annotations

import json
from typing import Any

from convtrack import replay_track
from convtrack.analysis import version_key
from convtrack.findings.markdown import predates_text
from convtrack.site.common import case_page
from convtrack.site.registry import Data, Writer, register_page


def view(rows: list[dict[str, Any]], found: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """What the page shows: the outcome table per source cell and release, the transitions (`found`, computed
    from `rows` when not given), their counts."""
    found = replay_track.transitions(rows) if found is None else found
    for t in found:
        t["href"] = case_page(str(t["case"]))
    table = replay_track.table(rows)
    releases = sorted({r["onnxruntime"] for r in table}, key=version_key)
    grid: dict[tuple[str, str], dict[str, dict[str, Any]]] = {}
    for r in table:
        grid.setdefault((r["converter"], r["source_cell"]), {})[r["onnxruntime"]] = r
    return {"releases": releases, "transitions": found, "counts": replay_track.counts(found), "records": len(rows),
            "grid": [{"converter": c, "source_cell": s, "by": by} for (c, s), by in sorted(grid.items())]}


@register_page("replay.html", nav="Replay", order=55)
def _replay_page(w: Writer, d: Data) -> None:
    rows = d.replayed
    data = view(rows, d.replay_transitions)
    w.page("replay.html", "replay.html", **data, set_apart=predates_text(d.replay_set_apart))
    out = w.out / "data"
    out.mkdir(parents=True, exist_ok=True)
    (out / "replay.json").write_text(json.dumps({"transitions": data["transitions"], "table": replay_track.table(rows),
                                                 "counts": data["counts"]}, indent=1, default=str), encoding="utf-8")
