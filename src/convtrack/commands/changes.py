"""`convtrack changes`: regressions, fixes and changed failures between adjacent releases of each axis."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from convtrack import (
    axes,
    causes,
    clusters,
    confirm,
    records_index,
    replay,
    replay_track,
    store,
    suite,
    transitions,
    witness,
)
from convtrack.cellrun import Settings
from convtrack.slow import announce
from convtrack.transitions import TransitionKind


def stderr(message: str) -> None:
    print(message, file=sys.stderr)


def failing_side(t: transitions.Transition) -> witness.Key:
    """The task whose record says whose failure a transition is: the failing side (the fix's before)."""
    cell = t.before_cell if t.kind is TransitionKind.FIX else t.after_cell
    return (t.converter, cell, t.case, t.opset, t.mode)


def witnesses(reports: Path, found: list[transitions.Transition], cells: set[str]) -> dict[witness.Key, str]:
    """The second witnesses of records in `cells`: the converter track's onnxruntime steps, and the replay track's
    around the cells' own onnxruntime releases (only those replay records are read)."""
    own = {store.parse_cell(cell).get(witness.RUNTIME_AXIS, "") for cell in cells}
    replayed = replay_track.transitions(replay.load(reports, near=own))
    return {**witness.from_replay(replayed), **witness.witnesses(found)}


def blames(reports: Path, found: list[transitions.Transition]) -> dict[witness.Key, witness.Shown]:
    """The shown blame of every failing side, from its newest record (one place: witness.shown); only those
    records are read in full."""
    sides = {failing_side(t) for t in found}
    seen = witnesses(reports, found, {cell for _, cell, *_ in sides})
    out: dict[witness.Key, witness.Shown] = {}
    for rec in records_index.newest_of(reports, sides):
        s = witness.shown(rec, seen)
        if s is not None:
            out[witness.key_of(rec)] = s
    return out


def record_ref(t: transitions.Transition) -> str:
    """The RECORD of the failing side (a fix's before, else the after): what `repro` and `reduce` take."""
    cell = t.before_cell if t.kind is TransitionKind.FIX else t.after_cell
    return f"{cell}/{t.case}@{t.opset}/{t.mode}"


def _rows(found: list[transitions.Transition],
          blame: dict[witness.Key, witness.Shown] | None = None) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for t in found:
        b = (blame or {}).get(failing_side(t))
        status = "flaky" if t.flaky else "confirmed" if t.confirmed else "unconfirmed"
        outcome = f"{t.before_outcome.value} -> {t.after_outcome.value}"
        if t.after_signature and t.after_signature != t.before_signature:
            outcome += f" ({t.after_signature[:60]})"
        held = ",".join(f"{k}={v}" for k, v in t.fixed.items())
        if t.also_changed:  # not held: a case dependency pinned per release changed too
            held += " (also " + ",".join(f"{k} {b}->{a}" for k, (b, a) in t.also_changed.items()) + ")"
        kind = t.kind.value + (" (became silent)" if t.became_silent else "")
        rows.append((kind, f"{t.converter}:{t.case}", str(t.opset), t.mode, t.axis,
                     f"{t.before_version} -> {t.after_version}", outcome, b.label if b else "-", held, status,
                     record_ref(t)))
    return rows


def _columns(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1] for r in rows)


HEADER = ("kind", "case", "opset", "mode", "axis", "before -> after", "outcome", "blame", "held", "status",
          "failing record")


def table(found: list[transitions.Transition], blame: dict[witness.Key, witness.Shown] | None = None) -> str:
    """Regressions and fixes first; changed failures (neither) in a table of their own below."""
    if not found:
        return "no regressions, fixes or changed failures"
    counted = [t for t in found if t.kind is not TransitionKind.CHANGED]
    changed = [t for t in found if t.kind is TransitionKind.CHANGED]
    parts = [_columns([HEADER, *_rows(counted, blame)])] if counted else ["no regressions or fixes"]
    if changed:
        parts.append(f"\nchanged failures ({len(changed)}: a failure that became another failure; neither a "
                     "regression nor a fix):\n" + _columns([HEADER, *_rows(changed, blame)]))
    return "\n".join(parts)


def _wanted(args: argparse.Namespace, t: transitions.Transition | transitions.NotComparable) -> bool:
    return ((not args.axis or t.axis == args.axis) and (not args.case or args.case in t.case)
            and (not args.kind or str(t.kind) == str(args.kind)))


def by_signature(args: argparse.Namespace, found: list[transitions.Transition]) -> int:
    """The failures of the newest records clustered by normalised cause (as the signatures page shows them)."""
    rows = [r for r in records_index.load(args.reports).latest if (not args.case or args.case in str(r["case"]))]
    groups = clusters.cluster(rows, witnesses(args.reports, found, {str(r["cell"]) for r in rows}))
    if args.blame:
        groups = [g for g in groups if args.blame in g["blame"]]
    if args.json:
        print(json.dumps([{k: v for k, v in g.items() if k != "example"} for g in groups], indent=1, default=str))
    else:
        print(clusters.table(groups))
    return 0


def by_cause(args: argparse.Namespace, found: list[transitions.Transition]) -> int:
    """The selected regressions and fixes (and changed failures, when --kind names them) grouped by cause."""
    kinds = tuple(TransitionKind) if args.kind else (TransitionKind.REGRESSION, TransitionKind.FIX)
    grouped = causes.group(found, kinds)
    print(json.dumps([c.to_dict() for c in grouped], indent=1) if args.json else causes.table(grouped))
    return 0


def _requires(args: argparse.Namespace) -> dict[tuple[str, str], tuple[str, ...]]:
    """What each case source imports, when the suite is there (a change that moved it is set apart)."""
    folder = Path(args.suites) if args.suites else None
    return suite.requires_by_source(suite.discover(folder)) if folder is not None and folder.exists() else {}


def changes(args: argparse.Namespace) -> int:
    with announce(f"reading the records under {args.reports} and ordering them along each axis"):
        requires = _requires(args)
        result = transitions.scan(records_index.slim(args.reports), requires)
    if args.by_signature:
        return by_signature(args, result.transitions)
    axes.check(args.matrix_dir, "--axis", [args.axis or ""], also={t.axis for t in result.transitions})
    selected = [t for t in result.transitions if _wanted(args, t)]
    rejudge = [n for n in result.not_comparable if "harness_version" in n.stack and _wanted(args, n)]
    if args.confirm and (rejudge or any(not t.confirmed for t in selected)):
        settings = Settings.of(args)
        confirm.confirm(selected, settings, log=stderr, apart=rejudge)
        result = transitions.scan(records_index.slim(args.reports), requires)
    found = [t for t in result.transitions if _wanted(args, t)]
    apart = [n for n in result.not_comparable if _wanted(args, n)]  # the same filters as the transitions'
    steps = [g for g in result.gaps if not args.axis or g.axis == args.axis]
    blame = blames(args.reports, result.transitions)
    if args.blame:
        found = [t for t in found if (b := blame.get(failing_side(t))) is not None and b.verdict == args.blame]
    if args.by_cause:
        return by_cause(args, found)
    if args.json:
        print(json.dumps({"transitions": [{**t.to_dict(), "blame": _blame_dict(blame.get(failing_side(t)))}
                                          for t in found],
                          "not_comparable": [n.to_dict() for n in apart],
                          "gaps": [g.to_dict() for g in steps]}, indent=1))
    else:
        print(table(found, blame))
        source = [n for n in apart if not n.stack]
        if source:
            print(f"\n{len(source)} adjacent pair(s) not comparable (the case changed between their records): "
                  "re-run the older cell to compare them")
        stack = [n for n in apart if n.stack]
        if stack:
            moved = sorted({k for n in stack for k in n.stack})
            print(f"\n{len(stack)} outcome change(s) left out: {', '.join(moved)} moved with the release, so "
                  "they are not the release's alone (--json lists them under not_comparable)")
        if steps:
            print(f"\n{len(steps)} adjacent release step(s) compared by no two cells (another axis moved with "
                  "each, so nothing is known of them; a cell that holds it equal bridges a step, where one resolves):")
            print("\n".join(f"  {g.describe()}" for g in steps))
    regressions = [t for t in found if t.kind is TransitionKind.REGRESSION and t.confirmed and not t.flaky]
    return 1 if args.exit_code and regressions else 0


def _blame_dict(b: witness.Shown | None) -> dict[str, Any] | None:
    return b.to_dict() if b else None


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("changes", help="regressions, fixes and changed failures between adjacent versions",
                       description="For every (converter, case, opset, mode), orders the records along each axis "
                       "(PEP 440) with the other axes held equal and lists each change with the before / after "
                       "pair: a regression (pass -> failure, or a loud failure that became silent), a fix "
                       "(failure -> pass), or a changed failure (listed apart, neither). Harness outcomes are "
                       "never compared; partial runs (bisect probes) are never a baseline; records of a changed "
                       "case (case_hash) are not comparable, and neither is a change that also moved a package "
                       "the mode's export runs through (the dynamo exporter's onnxscript, pinned per torch era): "
                       "it is not the release's alone. Records made under an earlier pin are superseded, never "
                       "counted as repeats.")
    p.add_argument("--confirm", action="store_true",
                   help="re-run the two cells of each unconfirmed transition once, and of each change set apart "
                   "because the harness that judged it moved (records are kept)")
    p.add_argument("--axis", help="only transitions along this axis (torch, onnxruntime, ...)")
    p.add_argument("--case", help="only cases whose id contains this")
    p.add_argument("--kind", choices=[k.value for k in TransitionKind])
    p.add_argument("--blame", choices=list(witness.VERDICTS),
                   help="only changes whose failing side is blamed so (the record's verdict, or runtime when "
                   "another onnxruntime release alone changes the outcome)")
    p.add_argument("--by-signature", action="store_true",
                   help="instead: the newest failures clustered by normalised signature, with blame, counts and "
                   "the first and last release seen (the signatures page)")
    p.add_argument("--by-cause", action="store_true",
                   help="instead: the selected regressions and fixes grouped by cause (the failing side's normalised "
                   "signature per release pair, kind and mode: one upstream change that breaks many cases is one "
                   "line), most transitions first")
    p.add_argument("--json", action="store_true",
                   help="transitions, not-comparable pairs and the steps no two cells compare (gaps) as JSON")
    p.add_argument("--exit-code", action="store_true", help="exit 1 when a confirmed regression is listed")
    p.set_defaults(func=changes)
