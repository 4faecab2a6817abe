"""Say what a command is doing when it takes more than a second (site build, changes over many records)."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def announce(what: str, after: float = 1.0) -> Iterator[None]:
    """Print `what...` if the block is still running after `after` seconds, then how long it took."""
    start = time.monotonic()
    said = threading.Event()

    def say() -> None:
        said.set()
        print(f"convtrack: {what}...", file=sys.stderr, flush=True)

    timer = threading.Timer(after, say)
    timer.daemon = True
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
        if said.is_set():
            print(f"convtrack: {what}: done in {time.monotonic() - start:.1f} s", file=sys.stderr, flush=True)
