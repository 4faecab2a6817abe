"""Delta debugging (Zeller and Hildebrandt's ddmin) over a list of items, with a memo and a deadline.

`test(subset)` says whether a subset still fails. The result is 1-minimal when the deadline is not hit: removing
any single item makes the failure go away. Past the deadline the smallest failing subset found so far is returned,
so a large graph still yields a smaller model, only not a minimal one.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import TypeVar

T = TypeVar("T")


def _chunks(items: Sequence[T], n: int) -> list[list[T]]:
    size, extra = divmod(len(items), n)
    out, start = [], 0
    for i in range(n):
        end = start + size + (1 if i < extra else 0)
        out.append(list(items[start:end]))
        start = end
    return [c for c in out if c]


def ddmin(items: Sequence[T], test: Callable[[list[T]], bool], deadline: float | None = None) -> list[T]:
    """The smallest failing subset ddmin reaches (the order of `items` kept); `items` itself must fail."""
    memo: dict[frozenset[T], bool] = {}

    def fails(subset: list[T]) -> bool:
        key = frozenset(subset)
        if key not in memo:
            memo[key] = test(subset)
        return memo[key]

    current, n = list(items), 2
    while len(current) >= 2:
        if deadline is not None and time.monotonic() > deadline:
            break
        chunks = _chunks(current, n)
        smaller = next((c for c in chunks if fails(c)), None)
        if smaller is not None:
            current, n = smaller, 2
            continue
        if n > 2 or len(chunks) > 2:  # with two chunks each complement is the other chunk: already tried
            complement = next((k for k in ([x for x in current if x not in set(c)] for c in chunks) if fails(k)),
                              None)
            if complement is not None:
                current, n = complement, max(n - 1, 2)
                continue
        if n >= len(current):
            break
        n = min(len(current), 2 * n)
    return current
