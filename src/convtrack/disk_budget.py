"""`convtrack run --disk-budget 30G [--prune-cache]`: fit a run over many framework releases into a disk budget.

The budget covers the work folder (cell environments) plus the uv cache, measured together (an environment is
hardlinked from the cache: 23 MB of its own for a 5.7 GB torch cell). Cells are ordered so that those sharing a
framework release run together; when a release's last cell ends, its environments are removed and, with
--prune-cache, the cache entries of the packages only it needed (`uv_cache.prune`: never a release a pending or
running cell needs). Before a cell starts, what it will add is estimated from its resolved closure
(`uv pip compile`): nothing for a cached release, else the measured size of another cached version of that
package, else the wheel's size on the index times UNPACK. A cell that does not fit waits while others run, or is
refused with the figures when nothing else can free space.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
from collections.abc import Iterable
from pathlib import Path

from convtrack import disk, index, interpreters, uv_cache
from convtrack.matrix import Cell
from convtrack.uv_cache import Release

# An environment's own bytes when hardlinked from the cache (measured: 23 MB for the torch 2.15.0 test cell);
# rounded up for the .pyc files its runs add.
ENV_OWN_BYTES = 64 * 2**20
# Unpacked ÷ downloaded wheel size (measured: torch 2.15.0 1.18 GB ÷ 0.54 GB = 2.19, torch 2.6.0 2.07).
UNPACK = 2.2
# Room always left on the file system: du of the work folder and cache cannot see everything that takes space there
# (a pruned cache entry whose files another environment still hard-links frees nothing; other users of the disk).
FREE_FLOOR = 2 * 2**30


def release_of(cell: Cell) -> tuple[str, str]:
    """The framework release a cell installs (torch 2.6.0, tensorflow 2.15.1): cells sharing it run together."""
    return cell.framework, cell.axes.get(cell.framework, "")


def order(cells: list[Cell]) -> list[Cell]:
    """Cells grouped by framework release, the groups in the order their first cell appears (stable)."""
    first: dict[tuple[str, str], int] = {}
    for i, c in enumerate(cells):
        first.setdefault(release_of(c), i)
    return sorted(cells, key=lambda c: first[release_of(c)])


def closure(cell: Cell, requirements: list[str]) -> set[Release]:
    """Every (package, version) the cell's environment will hold, resolved by uv without installing anything;
    the pinned requirements alone when resolution fails (the cell will then record env_error and add nothing)."""
    proc = subprocess.run(["uv", "pip", "compile", "-q", "--no-header", "--no-annotate", "--python-version",
                           cell.python, "-"], input="\n".join(requirements), capture_output=True, text=True,
                          check=False, env=dict(os.environ, **interpreters.NO_DOWNLOADS))  # no interpreter needed
    lines = proc.stdout.splitlines() if proc.returncode == 0 else requirements
    return {(uv_cache.canonical(n), v.strip()) for n, _, v in (ln.partition("==") for ln in lines) if v}


@dataclasses.dataclass
class Need:
    bytes: int
    parts: list[tuple[Release, int]]  # the uncached releases and their estimated sizes, largest first

    def explain(self) -> str:
        shown = ", ".join(f"{n} {v} ≈ {disk.fmt(b)}" for (n, v), b in self.parts[:4])
        more = f" and {len(self.parts) - 4} more" if len(self.parts) > 4 else ""
        env = self.bytes - sum(b for _, b in self.parts)
        return (f"not cached: {shown}{more}; " if self.parts else "everything cached; ") + \
            f"its environment ≈ {disk.fmt(env)}"


class Estimator:
    """What installing a closure adds to the cache, from what the cache holds now. `copies`: the environments
    are on another filesystem than the cache, so uv copies every file instead of hardlinking it."""

    def __init__(self, cache: Path, copies: bool = False) -> None:
        self.cache = cache
        self.copies = copies
        self._package: dict[str, int] = {}

    def release(self, release: Release) -> int:
        if uv_cache.is_cached(self.cache, release):
            return 0
        name = release[0]
        if name not in self._package:
            versions = uv_cache.cached_versions(self.cache, name)
            sizes = [disk.du(folders) for folders in versions.values()]
            self._package[name] = max(sizes) if sizes else self._from_index(release)
        return self._package[name]

    @staticmethod
    def _from_index(release: Release) -> int:
        try:
            return int(index.wheel_size(*release) * UNPACK)
        except index.IndexError_:
            return 0  # unknown: the statvfs sampling still bounds the peak report

    def need(self, closure: Iterable[Release], reserved: set[Release]) -> Need:
        parts = [(r, self.release(r)) for r in sorted(set(closure) - reserved)]
        parts = sorted((p for p in parts if p[1]), key=lambda p: -p[1])
        env = ENV_OWN_BYTES
        if self.copies:  # a full copy of the closure, cached or not
            env += sum(b or uv_cache.release_size(self.cache, r) for r, b in
                       ((r, self.release(r)) for r in set(closure)))
        return Need(env + sum(b for _, b in parts), parts)


class Budget:
    """Admission of cells against the budget, and the clean-up when a framework release is finished."""

    def __init__(self, limit: int, work: Path, prune_cache: bool, cache: Path | None = None) -> None:
        self.limit = limit
        self.work = work
        self.prune_cache = prune_cache
        self.cache = cache or uv_cache.cache_dir()
        self.meter = disk.Meter([work, self.cache])
        self.estimator = Estimator(self.cache, copies=_device(work) != _device(self.cache))
        self.closures: dict[str, set[Release]] = {}
        self.removed_envs: list[str] = []
        self.pruned: list[Release] = []
        self.freed = 0

    def admit(self, cell: Cell, running: list[Cell]) -> tuple[str, str]:
        """("start", "") or ("wait", why) when running cells may free space, else ("refuse", why)."""
        reserved = {r for c in running for r in self.closures.get(c.id, set())}
        need = self.estimator.need(self.closures.get(cell.id, set()), reserved)
        running_need = sum(self.estimator.need(self.closures.get(c.id, set()), set()).bytes for c in running)
        used = self.meter.measure()
        free = self.free()
        if used + running_need + need.bytes <= self.limit and need.bytes + FREE_FLOOR <= free:
            return "start", ""
        # every limit the cell is over, the budget (the user's flag) first
        over = [f"{disk.fmt(used)} of the {disk.fmt(self.limit)} disk budget is in use (work folder {self.work} + uv "
                f"cache {self.cache})" + (f" and {disk.fmt(running_need)} is set aside for the cells running"
                                          if running else "")] if used + running_need + need.bytes > self.limit else []
        if need.bytes + FREE_FLOOR > free:
            over.append(f"the file system holding {self.work} has {disk.fmt(free)} free and {disk.fmt(FREE_FLOOR)} "
                        "is always left free")
        why = f"{cell.id} needs about {disk.fmt(need.bytes)} ({need.explain()}), but " + "; and ".join(over)
        if running:
            return "wait", why
        hint = "" if self.prune_cache else ", or add --prune-cache"
        return "refuse", f"{why}; not started: raise --disk-budget{hint}, or free space in the uv cache"

    def free(self) -> int:
        """Free bytes on the file system of the work folder (its nearest existing parent)."""
        path = self.work
        while not path.exists() and path != path.parent:
            path = path.parent
        return shutil.disk_usage(path).free

    def release_done(self, done: list[Cell], unfinished: list[Cell]) -> str:
        """A framework release's last cell ended: remove its environments (and with --prune-cache the cache
        entries no unfinished cell needs). Returns what was removed, for the log."""
        envs = [v for v in (_venv(self.work, c) for c in done) if v is not None]
        for v in envs:
            shutil.rmtree(v, ignore_errors=True)
        self.removed_envs += [str(v) for v in envs]
        said = f"removed {len(envs)} environment(s)"
        if self.prune_cache:
            drop = {r for c in done for r in self.closures.get(c.id, set()) | _frozen(self.work, c)}
            keep = {r for c in unfinished for r in self.closures.get(c.id, set()) | _frozen(self.work, c)}
            pruned, freed = uv_cache.prune(self.cache, drop, keep)
            self.pruned += pruned
            self.freed += freed
            said += f", {len(pruned)} releases from the uv cache ({disk.fmt(freed)} freed)"
        self.meter.measure()
        return said

    def summary(self) -> str:
        pruned = f"; {len(self.pruned)} releases pruned from the uv cache, {disk.fmt(self.freed)} freed" \
            if self.prune_cache else ""
        return (f"disk: peak {disk.fmt(self.meter.peak)} of the {disk.fmt(self.limit)} budget (work folder + uv "
                f"cache, du at each cell start and end, statvfs between); {len(self.removed_envs)} environments "
                f"removed{pruned}")


def _device(path: Path) -> int:
    """The filesystem a path is (or would be) on."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return path.stat().st_dev


def _status(work: Path, cell: Cell) -> dict[str, object]:
    """The status file of this cell's newest run (run_summary.write_status). By run id, which starts with the run's
    time: a completing run rewrites the status files of the runs it resumed in the same instant, so their
    modification times no longer say which is newest (an environment was left behind that way)."""
    found = sorted((work / "runs").glob(f"*/{cell.id}.json"), key=lambda p: p.parent.name)
    try:
        return json.loads(found[-1].read_text()) if found else {}
    except (OSError, ValueError):
        return {}


def _venv(work: Path, cell: Cell) -> Path | None:
    """The cell's environment, only when it lies inside the work folder (never delete anything else)."""
    venv = _status(work, cell).get("venv")
    if not isinstance(venv, str):
        return None
    path = Path(venv).resolve()
    return path if path.is_dir() and path.is_relative_to(work.resolve()) else None


def _frozen(work: Path, cell: Cell) -> set[Release]:
    """What the cell's environment actually held (its .env.json freeze), as recorded by its session."""
    env_file = _status(work, cell).get("env_file")
    try:
        freeze = json.loads(Path(str(env_file)).read_text())["freeze"] if env_file else []
    except (OSError, ValueError, KeyError):
        return set()
    return {(uv_cache.canonical(n), v) for n, _, v in (ln.partition("==") for ln in freeze) if v}
