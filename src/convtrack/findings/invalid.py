"""What onnxruntime makes of the models the converter track calls invalid: the replay track has no check stage, so
it runs every kept `invalid_model` anyway, and on the converting cell's own onnxruntime release that says whether
the verdict is one a user running the model would meet.

`invalid_model` is onnx's verdict on the file (`onnx.checker`, or strict shape inference alone: tagged
`strict_shape_inference` from 2026-12-02). A model the checker rejects does not load; one whose declared shapes only
disagree with strict inference often runs and answers right. Counted once per model (`replay_track.model_key`),
by its newest replay on that release.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from convtrack import replay_track
from convtrack.findings import headlines
from convtrack.outcomes import Outcome
from convtrack.transitions import State


@dataclasses.dataclass
class InvalidRan:
    """The kept invalid_model models of one converter and mode, replayed on their own cell's onnxruntime."""

    converter: str
    mode: str
    models: int
    outcomes: dict[str, int]  # replay outcome -> models, in pipeline order

    @property
    def passed(self) -> int:
        return self.outcomes.get(Outcome.PASS.value, 0)


def _own_runtime(row: Mapping[str, Any]) -> bool:
    """A replay on the onnxruntime release the converting cell had (its resolved versions say which)."""
    replayed = row.get("replay") or {}
    own = (replayed.get("source_versions") or {}).get("onnxruntime")
    return own is not None and str((row.get("axes") or {}).get("onnxruntime")) == str(own)


def ran_anyway(rows: Iterable[Mapping[str, Any]]) -> list[InvalidRan]:
    """Per converter and mode, what the replay track's newest replay on the converting cell's own onnxruntime says
    of each model the converter track recorded as `invalid_model` (harness outcomes left out)."""
    newest: dict[tuple[str, str], dict[str, tuple[str, str]]] = defaultdict(dict)
    for row in rows:
        if str((row.get("replay") or {}).get("source_outcome")) != Outcome.INVALID_MODEL.value:
            continue
        state = State.of(row)
        if state.harness or not _own_runtime(row):
            continue
        mode = row["mode"] if isinstance(row.get("mode"), str) else "-"
        model = replay_track.model_key(dict(row))
        when = f"{row.get('created', '')}|{row.get('run_id', '')}"
        seen = newest[(str(row["converter"]), mode)]
        if model not in seen or when > seen[model][0]:
            seen[model] = (when, state.outcome.value)
    out = []
    for (converter, mode), models in sorted(newest.items()):
        counts = Counter(outcome for _, outcome in models.values())
        ordered = {o.value: counts[o.value] for o in Outcome if counts[o.value]}
        out.append(InvalidRan(converter, mode, len(models), ordered))
    return out


HOW = ("The replay track has no check stage: it runs every kept model the converter track recorded as "
       "`invalid_model` anyway. On the converting cell's own onnxruntime release that shows what a user running the "
       "model meets: a model `onnx.checker` rejects does not load, while one only strict shape inference rejects "
       "(its declared shapes disagree with onnx's inference) often runs and answers right. The invalid share of "
       "section 1 is onnx's verdict on the file; this table is onnxruntime's on the same models, once per model. "
       "Records from 2026-12-02 on name the second kind (`strict_shape_inference` in `tags`).")
HEAD = ["converter", "mode", "models", "pass", "wrong model", "load or run error", "other"]
NONE = "No kept `invalid_model` model has been replayed on its own cell's onnxruntime release."
_WRONG = (Outcome.MISMATCH.value, Outcome.WRONG_SHAPE.value)
_BROKE = (Outcome.LOAD_ERROR.value, Outcome.RUN_ERROR.value)


def row(i: InvalidRan) -> tuple[str, str, int, int, int, int, int]:
    """One table row: the models, and how many passed, answered wrongly, failed to load or run, or else."""
    wrong = sum(i.outcomes.get(o, 0) for o in _WRONG)
    broke = sum(i.outcomes.get(o, 0) for o in _BROKE)
    return i.converter, i.mode, i.models, i.passed, wrong, broke, i.models - i.passed - wrong - broke


def headline(items: list[InvalidRan]) -> str:
    """The invalid models that run anyway, in one sentence (empty when none was replayed)."""
    ran = [i for i in items if i.passed]
    if not ran:
        return ""
    parts = [f"{headlines.label(i.converter, i.mode)}: {i.passed} of {i.models} pass" for i in items]
    return ("Models recorded as invalid_model, run anyway on their own cell's onnxruntime by the replay track: "
            + "; ".join(parts) + " (strict shape inference rejects files onnxruntime runs; section 7).")
