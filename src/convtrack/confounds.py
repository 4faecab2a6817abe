"""Packages outside the axes that moved with an axis, and which of them make an outcome change not the axis's alone.

A cell pins companions per framework era (the dynamo exporter's onnxscript, transformers under an HF model), so
two adjacent releases of one axis may differ in more than that axis. `also_changed` names every such package
(and the interpreter, when a matrix `python` rule moved it: `interpreter_changed`);
`stack_changed` keeps those the converter's export runs through for a mode (`ConverterInfo.mode_packages`),
`case_changed` those the case itself imports (but packages locked to the framework release, which cannot be held).
An outcome change with either is set apart by the scan and the gate (`transitions.scan`, `transitions.set_apart`);
so is a pass <-> mismatch step judged by two harness versions (`harness_changed`), whose tolerance policies may
differ, a failure on the code path a case package takes only from that framework release on (`path_switched`),
a change between models of two different opsets, where the exporter wrote another than asked (`opset_not_honoured`),
a fix whose pass was judged on a reference that ignores its inputs (`reference_ignored`), and a change whose failing
verdict a repeat on a fresh worker did not reproduce (`unstable`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from convtrack import converter_info, protocol, store
from convtrack.analysis import version_key

MINOR_ONLY = ("python",)  # a patch release of the interpreter is not a cause; another minor (a `python` rule) may be


def also_changed(before: Mapping[str, Any], after: Mapping[str, Any], axes: Iterable[str]) -> dict[str, list[str]]:
    """The installed packages, other than the axes, whose version differs between two records.

    A package installed on one side only is left out: case packages are installed only when the selected cases
    import them (a one-case re-run has no transformers; a whole-suite run has), so a case that needed it has it on
    both sides, and one that did not cannot have changed with it."""
    b, a = before.get("versions") or {}, after.get("versions") or {}
    return {k: [str(b[k]), str(a[k])] for k in sorted((set(b) & set(a)) - set(axes)) if _differ(k, b[k], a[k])}


def interpreter_changed(also: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """The interpreter among the packages that also changed (another minor only): every package of the export runs
    on it, and a matrix `python` rule moves it with the framework release whose wheels need it (torch 1.10 -> 1.11
    moves 3.9 -> 3.10), so a change across it is not the release's alone. A bridge cell, both releases on one
    interpreter, measures the step instead."""
    return {k: v for k, v in also.items() if k in MINOR_ONLY}


def stack_changed(converter: str, mode: str, also: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """The packages of the converter's export path for `mode` among those that also changed."""
    info = converter_info.known().get(converter)
    stack = info.mode_packages.get(mode, ()) if info else ()
    return {k: v for k, v in also.items() if k in stack}


def case_changed(converter: str, also: Mapping[str, list[str]], imports: Sequence[str]) -> dict[str, list[str]]:
    """The packages the case imports among those that also changed, but those locked to the framework release."""
    info = converter_info.known().get(converter)
    locked = info.locked_packages if info else ()
    return {k: v for k, v in also.items() if k in imports and k not in locked}


def moves(packages: Mapping[str, list[str]]) -> str:
    return ", ".join(f"{k} {v[0]} -> {v[1]}" for k, v in packages.items())


def _differ(package: str, before: Any, after: Any) -> bool:
    if package in MINOR_ONLY:
        return str(before).split(".")[:2] != str(after).split(".")[:2]
    return bool(before != after)


def harness_changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[str]]:
    """{"harness_version": [before, after]} when two records were made by different harness versions (a record
    from before versions were kept reads "none"), else {}."""
    b, a = (str(r.get("harness_version") or "none") for r in (before, after))
    return {"harness_version": [b, a]} if b != a else {}


def calibration_differs(before: Mapping[str, Any], after: Mapping[str, Any],
                        failing_after: bool) -> dict[str, list[str]]:
    """{"tolerance": [before's, after's]} when a mismatch was judged by the fixed tolerance (the model could not run
    in float64, as on TF 2.2 before the twin retried with unfused batch norm) and its error lies within the
    float64-calibrated atol the other side's pass was judged by: the framework's own noise, which that side could not
    measure, explains the step as well as the release does. A mismatch beyond that atol, or exact, stays. Else {}."""
    passed, failed = (before, after) if failing_after else (after, before)
    max_abs, atol = _metric(failed, "max_abs"), _tolerance(passed).get("atol")
    if (calibrated(failed) or not calibrated(passed) or _tolerance(failed).get("exact")
            or not isinstance(max_abs, int | float) or not isinstance(atol, int | float) or max_abs > atol):
        return {}
    labels = [_label(_tolerance(r)) for r in (before, after)]
    return {"tolerance": labels}


def calibrated(record: Mapping[str, Any]) -> bool:
    """The record's verdict used an atol calibrated on the framework's float64 noise."""
    return _tolerance(record).get("method") == "float64"


def _tolerance(record: Mapping[str, Any]) -> dict[str, Any]:
    tol = (record.get("metrics") or {}).get("tolerance") if isinstance(record.get("metrics"), dict) else None
    return tol if isinstance(tol, dict) else {}


def _metric(record: Mapping[str, Any], key: str) -> Any:
    metrics = record.get("metrics")
    return metrics.get(key) if isinstance(metrics, dict) else None


def _label(tol: Mapping[str, Any]) -> str:
    atol = tol.get("atol")
    size = f" {atol:.2g}" if isinstance(atol, int | float) else ""
    return f"atol{size} calibrated on float64" if tol.get("method") == "float64" else f"fixed atol{size}"


REFERENCE = "reference"  # the set-apart key of a fix judged on a reference that ignores its inputs


def reference_ignored(after: Mapping[str, Any], fixed: bool) -> dict[str, list[str]]:
    """{"reference": ["-", "the same on every input"]} when a fix's pass was judged on references that were the same
    on every seeded input (metrics `inputs_ignored`): the converted model need only return that constant, so the
    step shows that the export now runs, not that it is right. A regression from such a pass stays (its failure is
    real). Else {}."""
    return {REFERENCE: ["-", "the same on every input"]} if fixed and _metric(after, "inputs_ignored") else {}


PRODUCED = "produced opset"  # the set-apart key of a change between models of two different opsets


def opset_not_honoured(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[str]]:
    """{"produced opset": [before's, after's]} when an exporter wrote another opset than the task asked for on one
    side and the two sides wrote different ones ("none": no model): the change is then between models of two opsets
    (torch 2.5-2.7's dynamo exporter writes 18 when asked for 13 or 17 and its version conversion fails; 2.8 fails
    instead), not the release's at this one. Both sides writing the same other opset compare like with like. Else {}."""
    asked = int(after.get("opset") or before.get("opset") or 0)
    b, a = (store.produced_opset(r) for r in (before, after))
    if b == a or {b, a} <= {None, asked}:
        return {}
    return {PRODUCED: [str(b) if b is not None else "none", str(a) if a is not None else "none"]}


def path_switched(converter: str, axis: str, before: str, after: str, imports: Sequence[str],
                  signature: str | None) -> dict[str, list[str]]:
    """{"<package> path": [old path, new path]} when the step from framework release `before` to `after` crosses
    the release from which a package the case imports takes another code path, and the failing side's `signature`
    names that path (ConverterInfo.path_switches): the converter was handed another model, so the change is not the
    release's alone. Else {}."""
    info = converter_info.known().get(converter)
    if info is None or axis != info.framework or not signature:
        return {}
    return {f"{s.package} path": [f"before {axis} {s.since}", f"{s.marker} from {axis} {s.since}"]
            for s in info.path_switches
            if s.package in imports and s.marker in signature
            and version_key(before) < version_key(s.since) <= version_key(after)}


def adapter_switched(converter: str, axis: str, before: str, after: str, mode: str,
                     outcomes: Iterable[str]) -> dict[str, list[str]]:
    """{"adapter call": [before's call, after's]} when the step from framework release `before` to `after` crosses
    a release from which our adapter calls the converter otherwise in this mode, and one side's outcome is a verdict
    that call decides (ConverterInfo.adapter_switches): the change is not the release's alone. Else {}."""
    info = converter_info.known().get(converter)
    if info is None or axis != info.framework:
        return {}
    seen = set(outcomes)
    crossed = [s for s in info.adapter_switches if (s.mode is None or s.mode == mode) and seen & s.outcomes
               and version_key(before) < version_key(s.since) <= version_key(after)]
    return {"adapter call": [f"before {axis} {crossed[0].since}", f"from {axis} {crossed[0].since}: {crossed[0].what}"]
            } if crossed else {}


UNSTABLE = "repeat on a fresh worker"  # the set-apart key of a change whose verdict its repeat did not reproduce


def repeated(record: Mapping[str, Any]) -> str | None:
    """The outcome its repeat on a fresh worker gave (tag `repeat:OUTCOME`), None when it was not repeated."""
    tags = record.get("tags")
    prefix = protocol.REPEAT_TAG
    found = [t[len(prefix):] for t in tags if isinstance(t, str) and t.startswith(prefix)] if isinstance(
        tags, list) else []
    return found[-1] if found else None


def unstable(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[str]]:
    """{"repeat on a fresh worker": [before's, after's]} when a side's verdict was not reproduced by its repeat
    (ConverterInfo.isolated_before: torch 2.1-2.4's dynamo_export fails in some processes and passes in others):
    the step may be the process's, not the release's. Each side reads "OUTCOME, then REPEAT" or "-". Else {}."""
    labels = [_repeat_label(r) for r in (before, after)]
    return {UNSTABLE: labels} if any(label != "-" for label in labels) else {}


def _repeat_label(record: Mapping[str, Any]) -> str:
    again = repeated(record)
    outcome = str(record.get("outcome") or "")
    return f"{outcome}, then {again}" if again is not None and again != outcome else "-"


def unstable_text(found: Mapping[str, list[str]]) -> str:
    """`unstable`'s finding in words: "after: convert_error, then pass"."""
    return "; ".join(f"{side}: {label}" for side, label in zip(("before", "after"), found.get(UNSTABLE, []),
                                                                strict=False) if label != "-")
