"""`convtrack replay`: run the kept artefacts on onnxruntime releases (the replay track) and list its transitions."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from convtrack import artefact_prune, defaults, disk, machine, replay, replay_matrix, replay_track, store
from convtrack.findings.headlines import distinct_text


def run(args: argparse.Namespace) -> int:
    rmatrix = replay_matrix.load(replay_matrix.path_in(args.matrix_dir))
    releases = args.onnxruntime or rmatrix.releases(args.preset)
    recorded = [] if args.changes else store.load(args.reports)  # read once: the sources, then what names a blob
    if not args.changes:
        code = _replay(args, rmatrix, releases, recorded)
        if code:
            return code
    replays = replay.load(args.reports)
    apart: list[dict[str, Any]] = []
    found = replay_track.transitions(replays, apart)
    if args.prune and not args.changes:  # every release of the preset; the published transitions' models stay
        _prune(args, rmatrix.releases(args.preset), replays, recorded, found)
    if args.json:
        print(json.dumps({"transitions": found, "counts": replay_track.counts(found), "set_apart": apart}, indent=1,
                         default=str))
        return 0
    for t in found:
        silent = " (became silent)" if t["became_silent"] else ""
        print(f"{t['kind']:<10} {t['converter']} {t['case']} @{t['opset']} {t['mode']}  onnxruntime "
              f"{t['before_version']} -> {t['after_version']}: {t['before_outcome']} -> {t['after_outcome']}{silent}  "
              f"[{t['source_cell']}, blame: {t['blame']}]")
    totals = {k: sum(1 for t in found if t["kind"] == k) for k in ("regression", "fix", "changed")}
    once = replay_track.distinct(found)
    print(f"replay track: {totals['regression']} regressions, {totals['fix']} fixes, {totals['changed']} changed "
          f"failures along onnxruntime (blame: runtime; {distinct_text(once['regression'], once['fix'])}); "
          f"{len(apart)} changes set apart (a release predates the model's IR version or opset)", file=sys.stderr)
    return 0


def _replay(args: argparse.Namespace, rmatrix: replay_matrix.ReplayMatrix, releases: list[str],
            recorded: list[dict[str, Any]]) -> int:
    artefacts = args.work / defaults.ARTEFACTS_DIR
    items, missing = replay.sources(recorded, artefacts, args.select)
    if missing:
        print(f"convtrack replay: {missing} recorded artefacts are not in {artefacts} (kept on another machine?); "
              "`convtrack run --keep-models` on their cells keeps them again", file=sys.stderr)
    if not items:
        print("convtrack replay: no kept artefact to replay; `convtrack run --keep-models` keeps them",
              file=sys.stderr)
        return 0
    memory_gb, _ = machine.worker_memory_gb(1, args.memory_gb)  # one worker at a time: the value asked, or the default
    run_id = store.new_run_id()
    print(f"convtrack replay {run_id}: {len(items)} artefacts x {len(releases)} onnxruntime releases",
          file=sys.stderr)
    done = replay.done(args.reports)  # read once: each release's replays land in cells of their own
    ends = [replay.run_release(args.reports, args.work, rmatrix, v, items, run_id, args.timeout, args.force,
                               log=lambda m: print(m, file=sys.stderr), recorded=done, memory_gb=memory_gb)
            for v in releases]
    for end in ends:
        print(end.line(), file=sys.stderr)
    return 1 if any(e.error for e in ends) else 0


def _prune(args: argparse.Namespace, releases: list[str], replays: list[dict[str, Any]],
           recorded: list[dict[str, Any]], published: list[dict[str, Any]]) -> None:
    """Delete the kept artefacts now replayed on every release in `releases` (artefact_prune), except those of the
    `published` transitions: their exact bytes stay for a replay or an audit."""
    artefacts = args.work / defaults.ARTEFACTS_DIR
    named = {str(r["artefact"]) for r in recorded if r.get("artefact")}
    drop, held = artefact_prune.droppable(replays, releases, replay.RETRY, named, published)
    count, freed = artefact_prune.prune(artefacts, drop)
    held = {a for a in held if artefact_prune.blob(artefacts, a).is_file()}  # this store's, not another folder's
    print(f"convtrack replay: pruned {count} artefacts replayed on all {len(releases)} releases "
          f"({disk.fmt(freed)} freed; their digests are in {artefacts / artefact_prune.LEDGER}); kept {len(held)} "
          "that a transition of the track names", file=sys.stderr)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("replay", help="replay kept artefacts on onnxruntime releases (the runtime-only track)",
                       description="Replays every model kept by `convtrack run --keep-models` (its inputs and the "
                       "framework's outputs) in one small environment per onnxruntime release of matrix/replay.toml "
                       "(onnxruntime + numpy + onnx, no framework), appends records to reports/replay/ and lists "
                       "the track's transitions along onnxruntime, blamed on the runtime.")
    p.add_argument("--onnxruntime", nargs="+", metavar="VERSION", help="these releases (default: the preset's)")
    p.add_argument("--preset", default=None, help="a preset of matrix/replay.toml (default: every release)")
    p.add_argument("--select", nargs="*", default=[], help="only cases whose id contains one of these")
    p.add_argument("--timeout", type=float, default=defaults.TIMEOUT_S,
                   help=f"per-artefact timeout in seconds (default {defaults.TIMEOUT_S:g})")
    p.add_argument("--memory-gb", type=float, default=None,
                   help="resident memory limit of the replay worker and every process it starts, summed; a replay "
                   f"over it is recorded as crash of its model alone (default {defaults.MEMORY_GB:g})")
    p.add_argument("--force", action="store_true", help="replay artefacts already replayed in the same environment")
    p.add_argument("--prune", action="store_true",
                   help="then delete the kept artefacts replayed on every release of the preset, keeping their digests "
                   "in the store's ledger: `run --keep-models` counts those tasks as kept and does not convert again")
    p.add_argument("--changes", action="store_true", help="only list the track's transitions; run nothing")
    p.add_argument("--json", action="store_true", help="the transitions as JSON")
    p.set_defaults(func=run)
