"""The run and compare stages over a task's seeded inputs, shared by the converting and the replay worker.

Every seed runs on the one session a user would keep, in order, and the worst seed decides; a failing seed after
the first is tried once more on a new session, so a failure that needs the session's history says so.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from typing import Any, Sequence, Tuple  # noqa: UP035 (`Seed` is subscripted at run time, on Python 3.8)

from convtrack.cell import compare as cmp
from convtrack.cell import stages
from convtrack.outcomes import Outcome
from convtrack.protocol import Result

# One seeded input set to run and compare: the inputs, the framework's outputs on them, the tolerance.
Seed = Tuple[Tuple[Any, ...], Sequence[Any], cmp.Tolerance]  # noqa: UP006 (the cell side runs on Python 3.8)


def _ignore(*_: Any) -> None:
    return None


def compare_seeds(sess: Any, seeds: Iterable[Seed], declared: list[Any], timings: dict[str, float],
                  on_run_error: Callable[[int], None] = _ignore,
                  on_worse: Callable[[int, list[Any]], None] = _ignore,
                  fresh: Callable[[], Any] | None = None) -> Result:
    """The run and compare stages over every seed, in order; the worst seed (lowest outcome rank, the first of
    equals) decides. The converting worker and the replay worker share it, so a replay judges a kept model as the
    task that converted it did.

    Returns the result's `outcome`, `metrics` (the worst seed's comparison, and `seeds`: outcome, max_abs and
    noise_ratio of each), `timings`, `failed_seed` (None when the worst seed passes) and, when the model declares
    a static shape the framework does not produce, `tags` ["declared_shape"]. A seed onnxruntime fails on raises
    its StageFailure (run_error) tagged `seed:N`, after `on_run_error(N)`; `on_worse(N, outputs)` hears of each
    seed that becomes the worst so far (blame's evidence). `declared`: the model's declared output shapes.
    With `fresh` (a factory of new sessions), a failing seed after the first runs again on a new session: when it
    does better there, the result is tagged `session_reuse` (the verdict stands: the session a user keeps answers
    wrongly, but only after it ran an earlier input; stop 25's audit found onnxruntime 1.18.1 doing so).
    """
    worst: tuple[int, cmp.Comparison, Seed] | None = None
    per_seed = []
    for seed, (inputs, expected, tolerance) in enumerate(seeds):
        try:
            actual = stages.timed(timings, "run_s", Outcome.RUN_ERROR, functools.partial(stages.run, sess, inputs))
        except stages.StageFailure as failure:
            failure.tags.append(f"seed:{seed}")
            on_run_error(seed)
            raise
        result = cmp.compare(expected, actual, tolerance=tolerance, declared=declared)
        m = result.metrics()
        per_seed.append({"seed": seed, "outcome": result.outcome.value, "max_abs": m["max_abs"],
                         "noise_ratio": m["tolerance"]["noise_ratio"]})
        if worst is None or result.outcome.rank < worst[1].outcome.rank:
            worst = (seed, result, (inputs, expected, tolerance))
            on_worse(seed, actual)
    assert worst is not None, "at least one seed"
    failed_seed, comparison, worst_seed = worst
    out: Result = {"outcome": comparison.outcome.value, "metrics": {**comparison.metrics(), "seeds": per_seed},
                   "timings": timings, "failed_seed": None if comparison else failed_seed}
    tags = []
    if comparison.outcome is Outcome.WRONG_SHAPE and not all(o.declared_agrees for o in comparison.outputs):
        tags.append("declared_shape")  # the model declares a static shape the framework does not produce
    if fresh is not None and not comparison and failed_seed > 0 and _better_alone(fresh, worst_seed, comparison,
                                                                                  declared):
        tags.append(SESSION_REUSE)
    if tags:
        out["tags"] = tags
    return out


SESSION_REUSE = "session_reuse"  # the failing seed does better on a session that ran nothing before it


def _better_alone(fresh: Callable[[], Any], seed: Seed, comparison: cmp.Comparison, declared: list[Any]) -> bool:
    """Whether `seed` does better than `comparison` on a new session (a failure there proves nothing more)."""
    inputs, expected, tolerance = seed
    try:
        alone = cmp.compare(expected, stages.run(fresh(), inputs), tolerance=tolerance, declared=declared)
    except Exception:
        return False
    return alone.outcome.rank > comparison.outcome.rank
