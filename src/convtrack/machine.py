"""What the machine holds, for running cells at once: its memory (from /proc/meminfo)."""

from __future__ import annotations

from pathlib import Path

from convtrack import defaults

# what the host, nox, uv and the runners need beside the workers' trees (measured: a runner and nox ~0.15 GB each)
HOST_RESERVE = 0.1


def mem_total_gb(meminfo: Path = Path("/proc/meminfo")) -> float | None:
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) / 2**20  # kB -> GiB
    except (OSError, ValueError, IndexError):
        pass
    return None


def worker_memory_gb(jobs: int, asked: float | None, total: float | None = None) -> tuple[float, str]:
    """The memory limit of each worker tree with `jobs` cells at once, and a note when it was lowered.

    `--memory-gb` is per worker tree: with -j N the N trees together must fit the machine, less a reserve. An
    explicit value that does not fit raises ValueError (an input error); the default is lowered to fit.
    """
    total = mem_total_gb() if total is None else total
    if total is None:
        return (asked or defaults.MEMORY_GB), ""
    fits = round(total * (1 - HOST_RESERVE) / jobs, 1)
    if asked is not None:
        if jobs > 1 and asked * jobs > total * (1 - HOST_RESERVE):
            raise ValueError(f"--memory-gb {asked:g} x -j {jobs} = {asked * jobs:g} GiB does not fit this "
                             f"machine's {total:.1f} GiB (less {HOST_RESERVE:.0%} for the host): use --memory-gb "
                             f"{fits:g} or less")
        return asked, ""
    if jobs > 1 and defaults.MEMORY_GB > fits:
        return fits, (f"memory limit per worker tree: {fits:g} GiB ({jobs} cells at once on {total:.1f} GiB; "
                      "--memory-gb sets it)")
    return defaults.MEMORY_GB, ""
