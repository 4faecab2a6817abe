"""`convtrack changes`: regressions, fixes and changed failures between adjacent releases of each axis."""

from __future__ import annotations

import argparse
import json
import sys

from convtrack import axes, records_index, transitions
from convtrack.cellrun import Settings
from convtrack.slow import announce
from convtrack.transitions import TransitionKind


def stderr(message: str) -> None:
    print(message, file=sys.stderr)


def _rows(found: list[transitions.Transition]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for t in found:
        status = "flaky" if t.flaky else "confirmed" if t.confirmed else "unconfirmed"
        outcome = f"{t.before_outcome.value} -> {t.after_outcome.value}"
        if t.after_signature and t.after_signature != t.before_signature:
            outcome += f" ({t.after_signature[:60]})"
        held = ",".join(f"{k}={v}" for k, v in t.fixed.items())
        if t.also_changed:  # not held: a case dependency pinned per release changed too
            held += " (also " + ",".join(f"{k} {b}->{a}" for k, (b, a) in t.also_changed.items()) + ")"
        kind = t.kind.value + (" (became silent)" if t.became_silent else "")
        rows.append((kind, f"{t.converter}:{t.case}", str(t.opset), t.mode, t.axis,
                     f"{t.before_version} -> {t.after_version}", outcome, held, status))
    return rows


def _columns(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) + "  " + r[-1] for r in rows)


HEADER = ("kind", "case", "opset", "mode", "axis", "before -> after", "outcome", "held", "status")


def table(found: list[transitions.Transition]) -> str:
    """Regressions and fixes first; changed failures (neither) in a table of their own below."""
    if not found:
        return "no regressions, fixes or changed failures"
    counted = [t for t in found if t.kind is not TransitionKind.CHANGED]
    changed = [t for t in found if t.kind is TransitionKind.CHANGED]
    parts = [_columns([HEADER, *_rows(counted)])] if counted else ["no regressions or fixes"]
    if changed:
        parts.append(f"\nchanged failures ({len(changed)}: a failure that became another failure; neither a "
                     "regression nor a fix):\n" + _columns([HEADER, *_rows(changed)]))
    return "\n".join(parts)


def _wanted(args: argparse.Namespace, t: transitions.Transition) -> bool:
    return ((not args.axis or t.axis == args.axis) and (not args.case or args.case in t.case)
            and (not args.kind or t.kind == args.kind))


def changes(args: argparse.Namespace) -> int:
    with announce(f"reading the records under {args.reports} and ordering them along each axis"):
        result = transitions.scan(records_index.slim(args.reports))
    axes.check(args.matrix_dir, "--axis", [args.axis or ""], also={t.axis for t in result.transitions})
    selected = [t for t in result.transitions if _wanted(args, t)]
    if args.confirm and any(not t.confirmed for t in selected):
        settings = Settings.of(args)
        transitions.confirm(selected, settings, log=stderr)
        result = transitions.scan(records_index.slim(args.reports))
    found = [t for t in result.transitions if _wanted(args, t)]
    if args.json:
        print(json.dumps({"transitions": [t.to_dict() for t in found],
                          "not_comparable": [n.to_dict() for n in result.not_comparable]}, indent=1))
    else:
        print(table(found))
        if result.not_comparable:
            print(f"\n{len(result.not_comparable)} adjacent pair(s) not comparable (the case changed between "
                  "their records): re-run the older cell to compare them")
    regressions = [t for t in found if t.kind is TransitionKind.REGRESSION and t.confirmed and not t.flaky]
    return 1 if args.exit_code and regressions else 0


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("changes", help="regressions, fixes and changed failures between adjacent versions",
                       description="For every (converter, case, opset, mode), orders the records along each axis "
                       "(PEP 440) with the other axes held equal and lists each change with the before / after "
                       "pair: a regression (pass -> failure, or a loud failure that became silent), a fix "
                       "(failure -> pass), or a changed failure (listed apart, neither). Harness outcomes are "
                       "never compared; partial runs (bisect probes) are never a baseline; records of a changed "
                       "case (case_hash) are not comparable.")
    p.add_argument("--confirm", action="store_true",
                   help="re-run the two cells of each unconfirmed transition once (records are kept)")
    p.add_argument("--axis", help="only transitions along this axis (torch, onnxruntime, ...)")
    p.add_argument("--case", help="only cases whose id contains this")
    p.add_argument("--kind", choices=[k.value for k in TransitionKind])
    p.add_argument("--json", action="store_true", help="transitions and not-comparable pairs as JSON")
    p.add_argument("--exit-code", action="store_true", help="exit 1 when a confirmed regression is listed")
    p.set_defaults(func=changes)
