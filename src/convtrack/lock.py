"""A lock file holding its holder's pid, for writers that must not interleave (records, merges, the site).

The lock is an exclusive `flock` on the file, so the kernel releases it when the holder dies however it dies:
a lock file left by a dead pid is stale and simply taken over by the next writer (its pid is overwritten). The
pid inside is for people and for the "waiting for" message. Shared by the host and the cell (standard library only).
"""

from __future__ import annotations

import errno
import fcntl
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

LOCK_NAME = ".convtrack.lock"


def _say(message: str) -> None:
    print(f"convtrack: {message}", file=sys.stderr, flush=True)


class LockTimeout(TimeoutError):
    pass


class FileLock:
    """`with FileLock(folder / LOCK_NAME):` exclusive between processes; re-entrant within one object only.

    `shared=True` takes the lock shared: any number of shared holders at once, none while an exclusive one holds it
    (writers that may interleave with each other but not with a reader that must see a still store, e.g. the
    artefact store's puts and its prune). A shared holder leaves the pid in the file alone: it is the exclusive
    holder's."""

    def __init__(self, path: Path, timeout: float | None = None, log: Callable[[str], None] | None = _say,
                 shared: bool = False) -> None:
        self.path = path
        self.timeout = timeout
        self.log = log
        self.shared = shared
        self._mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        self._fd: int | None = None

    def holder(self) -> int | None:
        try:
            text = self.path.read_text().strip()
        except OSError:
            return None
        return int(text) if text.isdigit() else None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            try:
                fcntl.flock(fd, self._mode | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if self.log:
                    self.log(f"waiting for {self.path} (held by pid {self.holder() or '?'})")
                self._wait(fd)
            if not self.shared:
                try:  # best effort: on a full disk the lock still holds, only the pid is missing
                    os.ftruncate(fd, 0)
                    os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
                except OSError:
                    pass
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd

    def _wait(self, fd: int) -> None:
        if self.timeout is None:
            fcntl.flock(fd, self._mode)
            return
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, self._mode | fcntl.LOCK_NB)
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise LockTimeout(f"{self.path} held by pid {self.holder()} for over {self.timeout:g} s") from None
                time.sleep(0.05)

    def release(self) -> None:
        if self._fd is None:
            return
        if not self.shared:
            try:  # an empty file says "free"; a stale pid would be overwritten anyway
                os.ftruncate(self._fd, 0)
            except OSError:
                pass
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


def folder_lock(folder: Path, **kwargs: object) -> FileLock:
    return FileLock(folder / LOCK_NAME, **kwargs)  # type: ignore[arg-type]
