"""One release's entries in uv's cache: find them, measure them, remove exactly them.

`uv cache clean torch` removes every cached torch release; a run over the torch history must drop one finished
release and keep the others (and whatever other users of the cache hold). uv (0.4 to 0.13 at least) keeps a
registry wheel as

    wheels-v*/pypi/<name>/<version>-<tags>            a symlink to ../../../archive-v0/<id> (the unpacked wheel)
    wheels-v*/pypi/<name>/<version>-<tags>.http       the HTTP cache pointer, naming the same archive id
    wheels-v*/pypi/<name>/<version>-<tags>.msgpack    the wheel's metadata; .lock, its lock file

(`index/<digest>/` instead of `pypi/` for another index). An environment is hardlinked from the archive, so
removing the entry leaves built environments intact. An archive is removed only when no other entry, of any
package, links or points to it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

from convtrack import disk

Release = tuple[str, str]  # (canonical package name, version), as `uv pip freeze` names it
_POINTERS = (".http", ".rev")


def cache_dir() -> Path:
    """The cache uv uses here (UV_CACHE_DIR, else what `uv cache dir` says)."""
    env = os.environ.get("UV_CACHE_DIR")
    if env:
        return Path(env)
    try:
        out = subprocess.run(["uv", "cache", "dir"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as exc:
        raise ValueError(f"cannot find uv's cache (uv cache dir: {exc}); set UV_CACHE_DIR") from None
    return Path(out.stdout.strip())


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _package_dirs(cache: Path, name: str) -> Iterator[Path]:
    for bucket in sorted(cache.glob("wheels-v*")):
        yield from (p for p in [bucket / "pypi" / name] if p.is_dir())
        yield from (p for p in sorted(bucket.glob(f"index/*/{name}")) if p.is_dir())


def entries(cache: Path, release: Release) -> list[Path]:
    """Every file of one release's cache entries (all its wheels' links, pointers, metadata and locks)."""
    name, version = canonical(release[0]), release[1]
    return [p for d in _package_dirs(cache, name) for p in sorted(d.iterdir()) if p.name.startswith(f"{version}-")]


def cached_versions(cache: Path, name: str) -> dict[str, list[Path]]:
    """Versions of a package with an unpacked wheel in the cache -> their archive folders."""
    found: dict[str, list[Path]] = {}
    for d in _package_dirs(cache, canonical(name)):
        for link in d.iterdir():
            if link.is_symlink():
                found.setdefault(link.name.split("-", 1)[0], []).append(link.resolve())
    return found


def is_cached(cache: Path, release: Release) -> bool:
    return any(p.is_symlink() and p.exists() for p in entries(cache, release))


def _archive_ids(cache: Path) -> dict[bytes, Path]:
    root = (cache / "archive-v0").resolve()
    return {d.name.encode(): d for d in root.iterdir()} if root.is_dir() else {}


def _archives_of(paths: Iterable[Path], cache: Path, ids: dict[bytes, Path] | None = None) -> set[Path]:
    """The archive folders (among `ids`, default all) these entries link to or name in their pointer files."""
    ids = _archive_ids(cache) if ids is None else ids
    folders = set(ids.values())
    out: set[Path] = set()
    for p in paths:
        if p.is_symlink():
            out |= {p.resolve()} & folders
        elif p.name.endswith(_POINTERS):
            try:
                data = p.read_bytes()
            except OSError:
                continue
            out |= {a for i, a in ids.items() if i in data}
    return out


def _all_entries(cache: Path) -> Iterator[Path]:
    """Every link or pointer file in the cache's wheel and source buckets (anything that can name an archive)."""
    for bucket in [*cache.glob("wheels-v*"), *cache.glob("sdists-v*")]:
        for root, dirs, files in os.walk(bucket):
            for name in [*dirs, *files]:
                p = Path(root) / name
                if p.is_symlink() or name.endswith(_POINTERS):
                    yield p


def release_size(cache: Path, release: Release) -> int:
    """Bytes on disk of one release's archives (what removing it would free, once no environment links it)."""
    return disk.du(_archives_of(entries(cache, release), cache))


def prune(cache: Path, drop: Iterable[Release], keep: Iterable[Release] = ()) -> tuple[list[Release], int]:
    """Remove the cache entries of `drop` except those in `keep` (releases a pending cell needs), and the archives
    they point to that nothing else in the cache uses. Returns the releases removed and the bytes freed."""
    kept = {(canonical(n), v) for n, v in keep}
    per = {r: entries(cache, r) for r in sorted({(canonical(n), v) for n, v in drop} - kept)}
    doomed = {p for ps in per.values() for p in ps}
    archives = _archives_of(doomed, cache)
    if archives:  # an archive another entry (another release, package or index) still uses stays
        archives -= _archives_of((p for p in _all_entries(cache) if p not in doomed), cache,
                                 {a.name.encode(): a for a in archives})
    freed = disk.du(archives)
    for p in doomed:
        p.unlink(missing_ok=True)
    for a in archives:
        shutil.rmtree(a, ignore_errors=True)
    return [r for r, ps in per.items() if ps], freed
