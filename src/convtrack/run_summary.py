"""What a `convtrack run` did, cell by cell, read back from this run's own record files (never the whole store).

A cell fails when its environment could not be built (env_error records, the installer's reason kept in them)
or when it left no records at all (its session died); either makes the run exit non-zero, after every other cell ran.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Collection
from pathlib import Path

from convtrack import lifeline, store
from convtrack.matrix import Cell
from convtrack.outcomes import Outcome


@dataclasses.dataclass
class CellSummary:
    cell: str
    records: int = 0
    counts: dict[str, int] = dataclasses.field(default_factory=dict)
    failure: str | None = None  # why the cell could not run, in the installer's words
    skipped: int = 0  # tasks already recorded under their key (environment lock, case hash, opset, mode, harness)
    total: int = 0
    seconds: float | None = None  # wall time of the cell (environment, runner), from its status file

    @property
    def failures(self) -> int:
        return sum(v for k, v in self.counts.items() if k not in (Outcome.PASS.value, Outcome.NOT_APPLICABLE.value))


def _status_path(work: Path, run_id: str, cell_id: str) -> Path:
    return work / "runs" / run_id / f"{cell_id}.json"


def write_status(work: Path, run_id: str, cell_id: str, skipped: int, total: int, state: str,
                 **where: str | float) -> None:
    """What a cell's session tells `convtrack run` beyond its records: its state (running, complete, stopped, or
    resumed by a later run) and the tasks it skipped as already recorded. A run killed midway stays `running`.
    `where` names the cell's environment (`venv`) and freeze (`env_file`), for the disk budget's clean-up, and
    at the end how long the cell took (`seconds`)."""
    path = _status_path(work, run_id, cell_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp-{os.getpid()}")
    info = {"state": state, "pid": os.getpid(), "skipped": skipped, "total": total, **where}
    tmp.write_text(json.dumps(info) + "\n")
    os.replace(tmp, path)


def interrupted(work: Path, cell_id: str, run_id: str) -> list[str]:
    """Earlier runs of this cell that were killed midway (still `running`, their process gone): incomplete until
    a later run of the cell completes and resumes them."""
    found = []
    for path in sorted((work / "runs").glob(f"*/{cell_id}.json")):
        if path.parent.name == run_id:
            continue
        try:
            info = json.loads(path.read_text())
        except (OSError, ValueError):
            continue
        if info.get("state") == "running" and not lifeline.alive(int(info.get("pid", 0)) or -1):
            found.append(path.parent.name)
    return found


def mark_resumed(work: Path, cell_id: str, run_ids: list[str], by: str) -> None:
    for rid in run_ids:
        path = _status_path(work, rid, cell_id)
        info = json.loads(path.read_text())
        write_status(work, rid, cell_id, info.get("skipped", 0), info.get("total", 0), f"resumed by {by}")


def summarize(cells: list[Cell], reports: Path, work: Path, run_id: str,
              failed_cells: Collection[str] = ()) -> list[CellSummary]:
    """One summary per cell, from this run's record file and the status file its session wrote; `failed_cells`
    are those whose session exited non-zero."""
    out = []
    for cell in cells:
        path = store.run_file(reports, cell.converter, cell.id, run_id)
        recs = list(store.read_file(path)) if path.exists() else []
        status = _status_path(work, run_id, cell.id)
        info = json.loads(status.read_text()) if status.exists() else {}
        s = CellSummary(cell.id, len(recs), skipped=int(info.get("skipped", 0)), total=int(info.get("total", 0)),
                        seconds=info.get("seconds"))
        for r in recs:
            s.counts[r["outcome"]] = s.counts.get(r["outcome"], 0) + 1
        env = next((r for r in recs if r["outcome"] == Outcome.ENV_ERROR.value), None)
        if env is not None:
            s.failure = (env.get("error") or env.get("signature") or env.get("reason") or "environment error")
        elif not recs and not s.skipped and (cell.id in failed_cells or info.get("state") != "complete"):
            s.failure = "its session failed before writing any record (see the nox output above)"
        out.append(s)
    return out


def failed_report(summaries: list[CellSummary]) -> str:
    """Each cell that could not run, with the installer's reason (its first lines), for the end of the run."""
    failed = [s for s in summaries if s.failure]
    lines = [f"{len(failed)} of {len(summaries)} cells could not run:"]
    for s in failed:
        reason = "\n      ".join((s.failure or "").splitlines()[:6])
        lines.append(f"  - {s.cell}: {reason}")
    return "\n".join(lines)


def table(summaries: list[CellSummary]) -> str:
    """The end-of-run table: one row per cell, what it recorded, failed and skipped, and whether it ran."""
    rows = [("cell", "records", "pass", "failed", "skipped", "time", "status")]
    for cs in summaries:
        status = "could not run" if cs.failure else ("up to date" if cs.skipped and not cs.records else "ok")
        took = "-" if cs.seconds is None else _clock(cs.seconds)
        rows.append((cs.cell, str(cs.records), str(cs.counts.get(Outcome.PASS.value, 0)), str(cs.failures),
                     str(cs.skipped), took, status))
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows)


def _clock(seconds: float) -> str:
    m, s = divmod(int(round(seconds)), 60)
    return f"{m // 60}h{m % 60:02}m" if m >= 60 else f"{m}m{s:02}s"
