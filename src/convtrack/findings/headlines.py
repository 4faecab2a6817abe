"""The findings in a few sentences, worded from the computed figures (both renderers print these as they are)."""

from __future__ import annotations

from typing import Any

from convtrack.findings.shares import ALL, Shares


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f} %"


def _find(shares: list[Shares], converter: str, mode: str, unit: str, kind: str) -> Shares | None:
    return next((s for s in shares if (s.converter, s.mode, s.unit, s.kind) == (converter, mode, unit, kind)), None)


def label(converter: str, mode: str) -> str:
    return converter if mode == "-" else f"{converter} {mode}"


def silent(shares: list[Shares]) -> str:
    parts = []
    for converter, mode in dict.fromkeys((s.converter, s.mode) for s in shares):
        task, case = _find(shares, converter, mode, "task", ALL), _find(shares, converter, mode, "case", ALL)
        if task and case:
            parts.append(f"{label(converter, mode)} {_pct(task.silent_of_ran)} of tasks, "
                         f"{case.counts['wrong model']} of {case.n} cases")
    return "Wrong models (converted, ran, answered wrongly): " + "; ".join(parts) + "." if parts else ""


def real_models(shares: list[Shares]) -> str:
    """Real architectures against the rest: the per-model figure the paper reports is about real models."""
    cases = [s for s in shares if s.unit == "case" and s.kind != ALL]
    if not any(s.kind == "model" for s in cases):
        return ""
    wrong: dict[str, int] = {}
    for s in cases:
        wrong[s.kind] = wrong.get(s.kind, 0) + s.counts["wrong model"]
    n = sum(s.n for s in cases if s.kind == "model")
    elsewhere = ", ".join(f"{KIND_NAMES.get(k, k)} {v}" for k, v in wrong.items() if k != "model" and v)
    return (f"Real architectures (models/): {wrong['model']} of {n} case-and-mode results answered wrongly anywhere"
            + (f"; wrong-model case-and-mode results elsewhere: {elsewhere}." if elsewhere else "."))


KIND_NAMES = {"issue": "issue reproducers", "synthetic": "synthetic graphs"}


def distinct_text(regressions: int, fixes: int) -> str:
    """Totals once per model (transitions.model_key, replay_track.distinct): an exporter that wrote one opset for
    several asked ones (torch 2.5-2.9's dynamo writes 18) changed one model, not several."""
    return (f"{regressions} regressions and {fixes} fixes once each model the dynamo exporter wrote for several "
            "asked opsets counts once")


def changes(totals: dict[str, int], pairs: int) -> str:
    return (f"{totals['regressions']} regressions ({totals['became_silent']} became silent) and {totals['fixes']} "
            f"fixes over {pairs} pairs of adjacent releases ("
            f"{distinct_text(totals['distinct_regression'], totals['distinct_fix'])}); {totals['changed']} failures "
            "changed into others.")


def open_failures(top: list[Any], total: int) -> str:
    if not top:
        return "No failure is open in the newest release measured."
    f = top[0]
    since = f"≤ {f.since}" if f.open_before else f.since
    span = f", {f.days} days" if f.days is not None else ""
    return (f"{total} case-and-mode pairs fail in the newest release measured; the longest-lived, "
            f"{f.case} ({label(f.converter, f.mode)}), since {f.axis} {since} ({f.releases} releases{span}).")


def compatibility(cells: list[Any]) -> str:
    rates = [c.pass_rate for c in cells if c.pass_rate is not None]
    broken = sum(1 for c in cells if c.installs == "no")
    excluded = sum(1 for c in cells if c.installs == "excluded")
    if not rates:
        return ""
    also = f", {excluded} excluded by the matrix rules" if excluded else ""
    return (f"{len(cells)} combinations recorded, {broken} that do not install{also}; pass rates from "
            f"{_pct(min(rates))} to {_pct(max(rates))}.")


def issues(report: Any) -> str:
    if report is None:
        return ""
    return (f"{len(report.differences)} of {report.cases} issue reproducers behave otherwise than their issue "
            f"states ({report.controls} more pass as their stated fix predicts).")


def headlines(shares: list[Shares], totals: dict[str, int], pairs: int, top: list[Any], total: int,
              cells: list[Any], report: Any) -> list[str]:
    lines = [silent(shares), real_models(shares), changes(totals, pairs), open_failures(top, total),
             compatibility(cells), issues(report)]
    return [line for line in lines if line]
