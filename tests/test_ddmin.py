"""ddmin: 1-minimal failing subsets, memoised tests, order kept."""

from __future__ import annotations

from convtrack.cell.ddmin import ddmin


def test_finds_the_one_culprit_and_the_interacting_pair() -> None:
    calls: list[frozenset[int]] = []

    def needs(*culprits: int):  # noqa: ANN202
        def test(subset: list[int]) -> bool:
            calls.append(frozenset(subset))
            return set(culprits) <= set(subset)
        return test

    assert ddmin(list(range(40)), needs(17)) == [17]
    assert len(calls) == len(set(calls))  # each subset is tested once
    assert ddmin(list(range(40)), needs(3, 31)) == [3, 31]


def test_a_passed_deadline_returns_the_input() -> None:
    assert ddmin([1, 2, 3], lambda s: 2 in s, deadline=0.0) == [1, 2, 3]
