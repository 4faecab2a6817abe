"""Tie child processes to the run's life: parent-death signals, a process-group watchdog, tree memory.

`convtrack run` -> nox -> cell runner -> worker -> whatever a case starts. Each hop is started with a
parent-death signal (Linux prctl PR_SET_PDEATHSIG), so a SIGKILL anywhere up the chain cascades down. The
worker runs in its own process group (a case must not be able to signal the runner); a watchdog forked into that
group kills the whole group the moment the worker dies, so nothing a case started outlives it. Shared by the host
and the cell; imports only the standard library.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable

PR_SET_PDEATHSIG = 1
_libc: ctypes.CDLL | None = None


def set_parent_death_signal(sig: int = signal.SIGKILL, parent: int | None = None) -> bool:
    """Ask the kernel to send `sig` to this process when its parent dies; False where unsupported.

    `parent` is the pid the caller expects as parent: if it already died before the prctl (a race the kernel
    cannot see), the signal is delivered at once.
    """
    global _libc
    if not sys.platform.startswith("linux"):
        return False
    if _libc is None:
        _libc = ctypes.CDLL(None, use_errno=True)
    if _libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
        return False
    if parent is not None and os.getppid() != parent:
        os.kill(os.getpid(), sig)
    return True


def preexec(sig: int = signal.SIGKILL) -> Callable[[], None] | None:
    """A Popen preexec_fn giving the child a parent-death signal (None off Linux)."""
    if not sys.platform.startswith("linux"):
        return None
    parent = os.getpid()
    ctypes.CDLL(None, use_errno=True)  # load libc before the fork, not in the child

    def _set() -> None:
        set_parent_death_signal(sig, parent)

    return _set


def start_group_watchdog() -> int:
    """Fork a tiny process into the caller's process group that SIGKILLs the whole group when the caller dies.

    The caller may die by SIGKILL (its parent-death signal, the memory limit, a segfault): it cannot clean up
    itself, so the watchdog does. Returns the watchdog's pid (0 where unsupported).
    """
    if not sys.platform.startswith("linux"):
        return 0
    parent = os.getpid()
    pid = os.fork()
    if pid:
        return pid
    try:  # the child: hold none of the parent's pipes, or the runner would never see EOF on them
        null = os.open(os.devnull, os.O_RDWR)
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        os.closerange(3, 1 << 16)
        signal.signal(signal.SIGTERM, lambda *_: os.killpg(os.getpgrp(), signal.SIGKILL))
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        set_parent_death_signal(signal.SIGTERM, parent)
        while True:
            signal.pause()
    finally:
        os._exit(0)


def tree_pids(root: int) -> set[int]:
    """`root`, its descendants, and every process in its process group (double-forked ones included)."""
    parents: dict[int, int] = {}
    members = {root}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return members
    for name in entries:
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rfind(")") + 2:].split()  # after "pid (comm) ": state ppid pgrp ...
        pid, ppid, pgrp = int(name), int(fields[1]), int(fields[2])
        parents[pid] = ppid
        if pgrp == root:
            members.add(pid)
    for pid in parents:
        seen, cur = set(), pid
        while cur in parents and cur not in seen and cur not in members:
            seen.add(cur)
            cur = parents[cur]
        if cur in members:
            members |= seen
    return members


def rss_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def tree_rss_bytes(root: int) -> int:
    """Resident memory of the whole tree (shared pages counted per process: an upper bound, which is safe)."""
    return sum(rss_bytes(pid) for pid in tree_pids(root))


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of one process and of its children it has waited for; 0 when it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            stat = fh.read()
    except OSError:
        return 0.0
    fields = stat[stat.rfind(")") + 2:].split()  # state is fields[0]: utime, stime, cutime, cstime are 11-14
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(root: int) -> float:
    """CPU time of the whole tree (what a task was given, whatever the wall clock says)."""
    return sum(cpu_seconds(pid) for pid in tree_pids(root))


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a zombie is dead for our purposes
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True
