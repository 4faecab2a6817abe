"""`convtrack run`: build the cells with nox + uv, replay the suite, append records, build the site."""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

from convtrack import (
    artefact_prune,
    defaults,
    disk,
    disk_budget,
    machine,
    matrix,
    parallel,
    plan,
    replay,
    replay_matrix,
    run_summary,
    store,
    suite,
    uptodate,
)
from convtrack.matrix import Cell
from convtrack.nox_cells import session_name


def run(args: argparse.Namespace) -> int:
    cells = matrix.expand_all(args.matrix_dir, args.preset, args.converter)
    if not cells:
        print(f"no cells for preset={args.preset!r} converter={args.converter!r}", file=sys.stderr)
        return 2
    try:
        cells = only_cells(cells, args.only)
    except ValueError as exc:
        print(f"convtrack run: --only {exc}", file=sys.stderr)
        return 2
    cases = {conv: suite.discover(args.suites, conv, args.select)  # case errors exit 2, before any environment
             for conv in sorted({c.converter for c in cells})}
    run_id = store.new_run_id()
    if args.keep_models and not args.force:
        _adopt_replayed(args)
    # cells already recorded for an untouched environment are decided here: no nox, no uv, no budget resolution
    todo = cells if args.force else _not_up_to_date(cells, cases, args, run_id)
    try:
        if args.jobs < 1:
            raise ValueError(f"-j {args.jobs}: the number of cells at once must be 1 or more")
        memory_gb, note = machine.worker_memory_gb(args.jobs, args.memory_gb)
        budget = _budget(args, todo, cases)
    except ValueError as exc:
        print(f"convtrack run: {exc}", file=sys.stderr)
        return 2
    if note:
        print(f"convtrack: {note}", file=sys.stderr)
    if budget is not None:
        todo = disk_budget.order(todo)
    frozen = matrix_snapshot(args.matrix_dir, args.work / "runs" / run_id / "matrix")
    env = dict(os.environ, CONVTRACK_RUN_ID=run_id, CONVTRACK_REPORTS=str(args.reports.resolve()),
               CONVTRACK_SUITES=str(args.suites.resolve()), CONVTRACK_MATRIX=str(frozen.resolve()),
               CONVTRACK_CASES=",".join(args.select), CONVTRACK_TIMEOUT=str(args.timeout),
               CONVTRACK_WORK=str(args.work.resolve()), CONVTRACK_MEMORY_GB=str(memory_gb),
               CONVTRACK_INCREMENTAL="0" if args.force else "1",
               CONVTRACK_KEEP_MODELS="1" if args.keep_models else "0")
    if args.preset:
        env["CONVTRACK_PRESET"] = args.preset
    print(f"convtrack run {run_id}: {len(cells)} cells -> {args.reports}"
          + (f", {args.jobs} at once" if args.jobs > 1 else ""), file=sys.stderr)
    if len(todo) < len(cells):
        print(f"{len(cells) - len(todo)} of {len(cells)} cells up to date (every task recorded for their unchanged "
              "environment): not started", file=sys.stderr)
    # The noxfile ships in the package; nox's environments go to the project's work folder, not next to it.
    with resources.as_file(resources.files("convtrack") / "sessions" / "noxfile.py") as noxfile:
        def command(*some: Cell) -> list[str]:
            return [sys.executable, "-m", "nox", "-f", str(noxfile), "--envdir", str(args.work.resolve() / "nox"),
                    "-s", *(f"{session_name(c.converter)}({c.id})" for c in some)]

        try:
            with _interrupted_by_signals():
                ends = _run_cells(todo, command, env, args.jobs, budget)
        except KeyboardInterrupt:  # the scheduler killed what was left; records written so far are whole
            print(f"\nconvtrack run {run_id}: interrupted; the next run of the same command resumes it",
                  file=sys.stderr)
            return 130
    return _report(args, cells, run_id, ends, budget)


def _adopt_replayed(args: argparse.Namespace) -> None:
    """Count as kept the models the committed replay records show replayed on every release (artefact_prune.adopt),
    so that a run keeping models on a new machine converts only what the replay track still lacks."""
    path = replay_matrix.path_in(args.matrix_dir)
    if not path.is_file():  # a project without a replay track
        return
    releases = replay_matrix.load(path).releases(None)
    done = artefact_prune.replayed_everywhere(replay.load(args.reports), releases, replay.RETRY)
    added = artefact_prune.adopt(args.work / defaults.ARTEFACTS_DIR, done)
    if added:
        print(f"convtrack run: {added} models replayed on all {len(releases)} onnxruntime releases (reports/replay) "
              "count as kept; their tasks are not converted again", file=sys.stderr)


def only_cells(cells: list[Cell], only: list[str]) -> list[Cell]:
    """The cells whose axis values match every `AXIS=V1,V2` in `only` (a slice of a preset, e.g. the releases a
    fresh machine still lacks); an axis the cells do not have, or a value none of them takes, is a ValueError."""
    for item in only:
        axis, sep, values = item.partition("=")
        wanted = {v.strip() for v in values.split(",") if v.strip()}
        if not sep or not wanted:
            raise ValueError(f"{item!r}: expected AXIS=VALUE[,VALUE...], e.g. torch=2.14.1,2.15.0")
        taken = {c.axes[axis] for c in cells if axis in c.axes}
        if not taken:
            raise ValueError(f"{item!r}: no cell has the axis {axis!r}")
        if wanted - taken:
            raise ValueError(f"{item!r}: {axis} takes {sorted(taken)} in these cells, not {sorted(wanted - taken)}")
        cells = [c for c in cells if c.axes.get(axis) in wanted]
    return cells


def matrix_snapshot(matrix_dir: Path, folder: Path) -> Path:
    """A copy of the matrix files as the run read them, for every cell's nox to read: nox loads the matrix again per
    cell, so an edit made while a run goes on (a new rule, a value this code does not accept yet) would otherwise
    fail or change the cells still to come (measured: six TF cells lost to a torch.toml edit, 2026-12-01)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in sorted(matrix_dir.glob("*.toml")):
        shutil.copy2(path, folder / path.name)
    return folder


def _run_cells(todo: list[Cell], command: Callable[..., list[str]], env: dict[str, str], jobs: int,
               budget: disk_budget.Budget | None) -> dict[str, parallel.CellEnd]:
    if not todo:
        return {}
    if jobs == 1 and budget is None:
        return parallel.run_together(todo, command(*todo), env)
    return parallel.Scheduler(todo, command, env, jobs, budget).run()


@contextlib.contextmanager
def _interrupted_by_signals() -> Iterator[None]:
    """SIGINT and SIGTERM both stop the run as Ctrl-C does (cells killed, records kept, the next run resumes).

    A run started in the background of a script inherits SIGINT *ignored* (POSIX, for asynchronous commands), so
    `kill -INT` did nothing; SIGTERM ended it without the clean-up. Only the main thread can set handlers."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    before = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)


def _budget(args: argparse.Namespace, cells: list[Cell],
            cases: dict[str, list[suite.Case]]) -> disk_budget.Budget | None:
    """The disk budget, with every cell's resolved closure (what it will install), or None without one."""
    if args.disk_budget is None:
        if args.prune_cache:
            raise ValueError("--prune-cache needs --disk-budget SIZE")
        return None
    budget = disk_budget.Budget(disk.parse_size(args.disk_budget), args.work.resolve(), args.prune_cache)
    print(f"convtrack: disk budget {disk.fmt(budget.limit)}: {disk.fmt(budget.meter.used)} in use (work folder "
          f"{budget.work} + uv cache {budget.cache}); resolving what each cell installs...", file=sys.stderr)
    for cell in cells:
        if not cell.na:
            budget.closures[cell.id] = disk_budget.closure(
                cell, cell.pip_args(plan.case_requires(cell, cases[cell.converter])))
    return budget


def _report(args: argparse.Namespace, cells: list[Cell], run_id: str, ends: dict[str, parallel.CellEnd],
            budget: disk_budget.Budget | None) -> int:
    failed = {cid for cid, e in ends.items() if e.status != 0}
    summaries = run_summary.summarize(cells, args.reports, args.work.resolve(), run_id, failed_cells=failed)
    for cs in summaries:
        end = ends.get(cs.cell)
        if end is not None and end.refused:
            cs.failure = end.refused
    counts: dict[str, int] = {}
    for cs in summaries:
        for k, v in cs.counts.items():
            counts[k] = counts.get(k, 0) + v
    print(run_summary.table(summaries), file=sys.stderr)
    print(f"run {run_id}: {sum(counts.values())} records: " + ", ".join(f"{k} {v}" for k, v in counts.items()),
          file=sys.stderr)
    skipped = sum(cs.skipped for cs in summaries)
    if skipped:
        print(f"{skipped} of {sum(cs.total for cs in summaries)} tasks skipped: already recorded for the same "
              "environment lock (uv pip freeze), case content, opset, mode and harness version; --force redoes "
              "them", file=sys.stderr)
    if budget is not None:
        print(budget.summary(), file=sys.stderr)
    out = args.site_out or args.project.site
    if not args.no_site and not counts and (out / "index.html").exists():
        print(f"site: unchanged, no new records ({out / 'index.html'})", file=sys.stderr)
    elif not args.no_site:
        from convtrack import site

        print(f"site: {site.build(args.reports, out, suites=args.suites)}", file=sys.stderr)
    if any(cs.failure for cs in summaries):
        print(run_summary.failed_report(summaries), file=sys.stderr)
        return 1
    return 1 if failed else 0


def _not_up_to_date(cells: list[matrix.Cell], cases: dict[str, list[suite.Case]], args: argparse.Namespace,
                    run_id: str) -> list[matrix.Cell]:
    """The cells nox must run; the others are complete for this run with every task skipped (see uptodate)."""
    work, todo = args.work.resolve(), []
    for cell in cells:
        kept = work / defaults.ARTEFACTS_DIR if args.keep_models else None  # a task must also have kept its model
        if uptodate.pending(cell, cases[cell.converter], args.reports, work, run_id, kept) == 0:
            total = len(cases[cell.converter]) * len(cell.tasks)
            run_summary.write_status(work, run_id, cell.id, total, total, "complete")
            print(f"{cell.id}: {total} of {total} tasks skipped: already recorded for its environment lock, which "
                  "holds (the environment is untouched since); nox not started for it", file=sys.stderr)
        else:
            todo.append(cell)
    return todo


def register(sub: argparse._SubParsersAction) -> None:
    r = sub.add_parser("run", help="run cells with nox + uv and append records (then build the site)",
                       description="Builds one uv environment per cell (a nox session each), replays every "
                       "case x opset x mode inside it and appends one record per result to reports/.")
    r.add_argument("--preset", default="quick", help="matrix preset (default: quick); 'full' for everything")
    r.add_argument("--converter", help="only this converter")
    r.add_argument("--select", nargs="*", default=[], help="only cases whose id or tags match")
    r.add_argument("--only", action="append", default=[], metavar="AXIS=V1,V2",
                   help="only the preset's cells whose AXIS takes one of these values (repeatable; all must hold), "
                   "e.g. --only torch=2.14.1,2.15.0; an axis or value the preset lacks exits 2")
    r.add_argument("--timeout", type=float, default=defaults.TIMEOUT_S,
                   help=f"per-task timeout in seconds (default {defaults.TIMEOUT_S:g})")
    r.add_argument("--memory-gb", type=float, default=None,
                   help="resident memory limit of a cell's worker and every process a case starts, summed; a task "
                   f"over it is recorded as crash (default {defaults.MEMORY_GB:g}; with -j N lowered so that N "
                   "workers fit the machine's memory, and an explicit value that does not fit exits 2)")
    r.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="run N cells at once (default 1); each cell's output lines are prefixed by its id, and on "
                   "a terminal each cell keeps one live progress line")
    r.add_argument("--disk-budget", metavar="SIZE",
                   help="keep the work folder + uv cache under SIZE (e.g. 30G): cells sharing a framework release run "
                   "together, a finished release's environments are removed, a cell that would not fit waits or is "
                   "refused with the figures; the summary reports the peak disk use")
    r.add_argument("--prune-cache", action="store_true",
                   help="with --disk-budget: also remove a finished release's uv cache entries (that release's "
                   "wheels only, never one a pending cell needs; never the whole cache)")
    r.add_argument("--force", action="store_true",
                   help="redo tasks already recorded (by default a task whose record exists for the same environment "
                   "lock, case content hash, opset, mode and harness version is skipped, so a killed run resumes)")
    r.add_argument("--keep-models", action="store_true",
                   help="keep each converted model with its inputs and framework outputs in the work folder's "
                   "artefact store (content-addressed; the record names it as `artefact`) for `convtrack replay`; a "
                   "recorded task without a kept artefact runs again (unless `replay --prune` removed it after its "
                   "replay)")
    r.add_argument("--no-site", action="store_true", help="do not rebuild the site afterwards")
    r.add_argument("--site-out", type=Path, help="where to build the site (default: the project's site folder)")
    r.set_defaults(func=run)
