"""The run and compare loop over seeded inputs (convtrack.cell.seeds)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from convtrack.cell import seeds, stages
from convtrack.outcomes import Outcome


class _Doubling:
    """An onnxruntime session's interface (get_inputs, run) over one input: doubles it, fails on a negative one.
    The real session runs in the integration tests (test_runner, test_replay)."""

    def get_inputs(self) -> list[SimpleNamespace]:
        return [SimpleNamespace(name="x")]

    def run(self, _: None, feed: dict[str, object]) -> list[object]:
        import numpy as np

        x = np.asarray(feed["x"])
        if (x < 0).any():
            raise RuntimeError("[ONNXRuntimeError] : 2 : INVALID_ARGUMENT : negative")
        return [x * 2]


def test_the_worst_seed_decides_and_each_seed_is_reported() -> None:
    import numpy as np

    from convtrack.cell import compare as cmp

    x = np.ones(3, dtype=np.float32)
    seeded = [((x,), [x * 2], cmp.Tolerance()), ((x,), [x * 3], cmp.Tolerance()), ((x,), [x * 5], cmp.Tolerance())]
    heard: list[int] = []
    timings: dict[str, float] = {}
    out = seeds.compare_seeds(_Doubling(), iter(seeded), [[3]], timings, on_worse=lambda s, _: heard.append(s))
    assert (out["outcome"], out["failed_seed"], heard) == ("mismatch", 1, [0, 1])  # the first of equally bad
    assert [(s["seed"], s["outcome"]) for s in out["metrics"]["seeds"]] == [(0, "pass"), (1, "mismatch"),
                                                                          (2, "mismatch")]
    assert out["metrics"]["max_abs"] == 1.0 and out["timings"] is timings and "run_s" in timings
    assert "tags" not in out
    passed = seeds.compare_seeds(_Doubling(), seeded[:1], [[3]], {})
    assert (passed["outcome"], passed["failed_seed"]) == ("pass", None)
    assert seeds.compare_seeds(_Doubling(), seeded[:1], [[4]], {})["tags"] == ["declared_shape"]


def test_a_seed_onnxruntime_fails_on_is_a_run_error_naming_it() -> None:
    import numpy as np

    from convtrack.cell import compare as cmp

    x = np.ones(2, dtype=np.float32)
    seeded = [((x,), [x * 2], cmp.Tolerance()), ((-x,), [x], cmp.Tolerance())]
    failed: list[int] = []
    with pytest.raises(stages.StageFailure) as err:
        seeds.compare_seeds(_Doubling(), seeded, [], {}, on_run_error=failed.append)
    assert err.value.outcome is Outcome.RUN_ERROR and err.value.tags[-1] == "seed:1" and failed == [1]


class _Drifting(_Doubling):
    """A session that answers wrongly once it has run an input before (onnxruntime 1.18.1 did so, stop 25)."""

    def __init__(self) -> None:
        self.ran = 0

    def run(self, _: None, feed: dict[str, object]) -> list[object]:
        self.ran += 1
        (out,) = super().run(_, feed)
        return [out + (self.ran - 1)]


def test_a_seed_that_fails_only_on_a_used_session_is_tagged_session_reuse() -> None:
    import numpy as np

    from convtrack.cell import compare as cmp

    x = np.ones(3, dtype=np.float32)
    seeded = [((x,), [x * 2], cmp.Tolerance()), ((x * 2,), [x * 4], cmp.Tolerance())]
    reused = seeds.compare_seeds(_Drifting(), seeded, [[3]], {}, fresh=_Drifting)
    assert (reused["outcome"], reused["failed_seed"], reused["tags"]) == ("mismatch", 1, ["session_reuse"])
    unseen = seeds.compare_seeds(_Drifting(), seeded, [[3]], {})  # no factory: nothing is claimed
    assert unseen["outcome"] == "mismatch" and "tags" not in unseen
    always = [((x,), [x * 3], cmp.Tolerance()), ((x,), [x * 3], cmp.Tolerance())]
    wrong = seeds.compare_seeds(_Doubling(), always, [[3]], {}, fresh=_Doubling)  # wrong on any session
    assert wrong["outcome"] == "mismatch" and "tags" not in wrong
    first = seeds.compare_seeds(_Drifting(), [always[0], seeded[0]], [[3]], {}, fresh=_Drifting)
    assert first["failed_seed"] == 0 and "tags" not in first  # the first seed ran on a fresh session already
