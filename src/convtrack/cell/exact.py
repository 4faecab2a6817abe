"""`zip(..., strict=True)` for the cell side, which runs on Python 3.9 as well: torch 1.8-1.10 install on no newer
interpreter here that onnxruntime supports (matrix/torch.toml), and `strict=` arrived in 3.10. The host side keeps the
builtin."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar, overload

A = TypeVar("A")
B = TypeVar("B")
C = TypeVar("C")


@overload
def zip_exact(a: Iterable[A], b: Iterable[B], /) -> Iterator[tuple[A, B]]: ...
@overload
def zip_exact(a: Iterable[A], b: Iterable[B], c: Iterable[C], /) -> Iterator[tuple[A, B, C]]: ...


def zip_exact(*iterables: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    """The items of equally long iterables side by side; ValueError naming the lengths when they differ."""
    lists = [list(items) for items in iterables]
    if len({len(items) for items in lists}) > 1:
        raise ValueError(f"zip_exact: the iterables differ in length ({', '.join(str(len(x)) for x in lists)})")
    return zip(*lists)  # noqa: B905 (lengths checked above; strict= needs Python 3.10)
