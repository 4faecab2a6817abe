"""The full failing model of a record, re-created the way the worker made it (for convtrack.cell.reduce).

Same case build and seed, the same converter call, the harness's stages and its calibrated tolerance
(worker.tolerance over the float64 noise of the framework), so the outcome here is the outcome a re-run would
record. The seed kept is the worst one, as the worker reports it.
"""

from __future__ import annotations

import dataclasses
import functools
from pathlib import Path
from typing import Any

from convtrack.cell import compare as cmp
from convtrack.cell import stages, values, worker
from convtrack.cell.converters import get
from convtrack.cell.exact import zip_exact
from convtrack.outcomes import Outcome
from convtrack.suite import Case, builder, export_options


@dataclasses.dataclass
class Full:
    outcome: Outcome
    signature: str | None = None
    model: Any = None  # onnx.ModelProto once converted
    nodes: int | None = None
    seed: int = 0
    feeds: dict[str, Any] = dataclasses.field(default_factory=dict)  # the seed's inputs by graph input name
    ort: dict[str, Any] = dataclasses.field(default_factory=dict)  # onnxruntime's outputs by name
    expected: dict[str, Any] = dataclasses.field(default_factory=dict)  # the framework's outputs by output name
    tolerances: dict[str, cmp.Tolerance] = dataclasses.field(default_factory=dict)
    indices: dict[str, int] = dataclasses.field(default_factory=dict)
    output_names: list[str] = dataclasses.field(default_factory=list)
    failing_outputs: list[str] = dataclasses.field(default_factory=list)
    tolerance: cmp.Tolerance = dataclasses.field(default_factory=cmp.Tolerance)
    notes: list[str] = dataclasses.field(default_factory=list)
    reference: dict[str, Any] | None = None  # the reference evaluator's values, once computed ({}: it could not)


def _built(converter: Any, case: Case) -> worker.Built:
    converter.seed(0)
    model, inputs = builder(case)()
    refs = [converter.reference(model, x) for x in inputs]
    try:
        twins = [converter.reference64(model, x) for x in inputs]
        noise: list[list[float | None]] | None = [cmp.noise_scale(r, t) for r, t in zip_exact(refs, twins)]
        reason = None
    except Exception as exc:  # noqa: BLE001 - as the worker: keep the case's tolerance, say why
        noise, reason = None, f"no float64 reference: {type(exc).__name__}"
    return worker.Built(case.id, model, list(inputs), refs, {}, noise, reason)


def rebuild(task: dict[str, Any], path: Path) -> Full:
    """Convert, check, load and run as the worker does; the Full model with the worst seed's values."""
    import onnx

    converter = get(task["converter"])
    converter.load()
    case = Case.from_dict(task["case"])
    built = _built(converter, case)
    timings: dict[str, float] = {}
    opset, mode = int(task["opset"]), task.get("mode")
    try:
        stages.timed(timings, "convert_s", Outcome.CONVERT_ERROR,
                     lambda: converter.convert(built.model, built.inputs[0], opset, mode, path,
                                               export_options(case)))
    except stages.StageFailure as failure:
        return Full(failure.outcome, failure.signature)
    model = onnx.load(str(path))
    full = Full(Outcome.PASS, model=model, nodes=len(model.graph.node),
                output_names=[o.name for o in model.graph.output])
    try:
        stages.timed(timings, "check_s", Outcome.INVALID_MODEL, lambda: stages.check(path))
        sess = stages.timed(timings, "load_s", Outcome.LOAD_ERROR, lambda: stages.session(path))
    except stages.StageFailure as failure:
        full.outcome, full.signature = failure.outcome, failure.signature
        full.feeds = values.inputs_by_name(model, built.inputs[0])
        return full
    _compare_seeds(full, case, built, sess, [d["shape"] for d in stages.declared_outputs(path)])
    return full


def _compare_seeds(full: Full, case: Case, built: worker.Built, sess: Any, declared: list[Any]) -> None:
    """Run every seed; keep the worst (a run error wins, as the first failing stage does)."""
    worst: tuple[int, cmp.Comparison, list[Any]] | None = None
    for seed, inputs in enumerate(built.inputs):
        try:
            actual: list[Any] = stages.timed({}, "run_s", Outcome.RUN_ERROR,
                                             functools.partial(stages.run, sess, inputs))
        except stages.StageFailure as failure:
            full.outcome, full.signature, full.seed = failure.outcome, failure.signature, seed
            full.feeds = values.inputs_by_name(full.model, inputs)
            return
        tol = worker.tolerance(case, built, seed)
        result = cmp.compare(built.references[seed], actual, tolerance=tol, declared=declared)
        if worst is None or result.outcome.rank < worst[1].outcome.rank:
            worst = (seed, result, actual)
    assert worst is not None
    seed, result, actual = worst
    full.outcome, full.seed, full.tolerance = result.outcome, seed, worker.tolerance(case, built, seed)
    full.feeds = values.inputs_by_name(full.model, built.inputs[seed])
    for i, name in enumerate(full.output_names):
        full.indices[name] = i
        full.ort[name] = actual[i] if i < len(actual) else None
        if i < len(built.references[seed]):
            full.expected[name] = built.references[seed][i]
        full.tolerances[name] = full.tolerance
    full.failing_outputs = [full.output_names[o.index] for o in result.outputs
                            if not o and o.index < len(full.output_names)]
