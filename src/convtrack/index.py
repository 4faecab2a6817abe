"""The package index (PEP 691 JSON simple API): which releases exist, are yanked, or have a usable wheel.

Used to check that every version a matrix names exists, and by bisect to list candidate releases.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import threading
import urllib.error
import urllib.request
from typing import Any

from packaging.tags import Tag, sys_tags
from packaging.utils import InvalidWheelFilename, canonicalize_name, parse_wheel_filename
from packaging.version import InvalidVersion, Version

ACCEPT = "application/vnd.pypi.simple.v1+json"


class IndexError_(LookupError):
    """The index could not be read, or a package or version is not on it."""


@dataclasses.dataclass(frozen=True)
class Release:
    version: Version
    yanked: bool
    has_wheel: bool  # a wheel installable on this interpreter and platform
    uploaded: str

    @property
    def usable(self) -> bool:
        return self.has_wheel and not self.yanked


def index_url() -> str:
    return (os.environ.get("UV_INDEX_URL") or os.environ.get("PIP_INDEX_URL") or "https://pypi.org/simple").rstrip("/")


@functools.lru_cache(maxsize=64)
def _project(name: str) -> dict[str, Any]:
    url = f"{index_url()}/{canonicalize_name(name)}/"
    req = urllib.request.Request(url, headers={"Accept": ACCEPT})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return json.load(resp)
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            raise IndexError_(f"package {name!r} does not exist on {index_url()}") from None
        raise IndexError_(f"{url}: HTTP {exc.code}") from None
    except urllib.error.URLError as exc:
        raise IndexError_(f"{url}: {exc.reason}") from None


@functools.lru_cache(maxsize=1)
def _supported() -> frozenset[Tag]:
    return frozenset(sys_tags())


def releases(name: str) -> list[Release]:
    """Every release of a package, oldest first by PEP 440."""
    data = _project(name)
    by_version: dict[Version, dict[str, Any]] = {}
    for f in data.get("files", []):
        filename = f["filename"]
        try:
            if filename.endswith(".whl"):
                _, version, _, tags = parse_wheel_filename(filename)
                wheel_ok = any(t in _supported() for t in tags)
            else:
                continue
        except (InvalidWheelFilename, InvalidVersion):
            continue
        entry = by_version.setdefault(version, {"yanked": True, "wheel": False, "uploaded": ""})
        entry["yanked"] = entry["yanked"] and bool(f.get("yanked"))
        entry["wheel"] = entry["wheel"] or (wheel_ok and not f.get("yanked"))
        entry["uploaded"] = max(entry["uploaded"], str(f.get("upload-time", "")))
    return [Release(v, e["yanked"], e["wheel"], e["uploaded"]) for v, e in sorted(by_version.items())]


def candidates(name: str, good: str, bad: str, pre: bool = False) -> tuple[list[Release], list[Release]]:
    """Releases strictly between good and bad (either order), and those skipped as yanked or wheel-less."""
    lo, hi = sorted([Version(good), Version(bad)])
    usable: list[Release] = []
    skipped: list[Release] = []
    for r in releases(name):
        if not lo < r.version < hi or (r.version.is_prerelease and not pre) or r.version.local:
            continue
        (usable if r.usable else skipped).append(r)
    return usable, skipped


def wheel_size(name: str, version: str) -> int:
    """Bytes of the largest wheel of a release installable here (the disk budget's estimate of a download)."""
    sizes = []
    for f in _project(name).get("files", []):
        try:
            _, v, _, tags = parse_wheel_filename(f["filename"])
        except (InvalidWheelFilename, InvalidVersion):
            continue
        if str(v) == str(Version(version)) and any(t in _supported() for t in tags):
            sizes.append(int(f.get("size") or 0))
    if not sizes:
        raise IndexError_(f"no wheel of {name} {version} for this interpreter on {index_url()}")
    return max(sizes)


def exists(name: str, version: str) -> bool:
    return any(str(r.version) == str(Version(version)) for r in releases(name))


def check_matrix(m: Any) -> list[str]:
    """Problems with a matrix's versions: a package or version missing from the index, or no wheel for us."""
    problems = []
    for axis, versions in m.axes.items():
        try:
            known = {str(r.version): r for r in releases(axis)}
        except IndexError_ as exc:
            problems.append(f"{m.path}: key 'axes.{axis}': {exc}")
            continue
        for v in versions:
            r = known.get(str(Version(v)))
            if r is None:
                problems.append(f"{m.path}: key 'axes.{axis}': value '{v}': version does not exist on {index_url()}")
            elif not r.usable:
                why = "is yanked" if r.yanked else "has no wheel for this interpreter/platform"
                problems.append(f"{m.path}: key 'axes.{axis}': value '{v}': {why}")
    return problems


def upload_dates(packages: list[str], timeout: float) -> dict[tuple[str, str], str]:
    """(package, version) -> upload time from the index; {} when offline (CONVTRACK_OFFLINE) or when the index does
    not answer within `timeout` (a daemon thread, abandoned), so no page or report ever hangs on the network."""
    if os.environ.get("CONVTRACK_OFFLINE") or not packages:
        return {}
    found: dict[tuple[str, str], str] = {}

    def work() -> None:
        for name in packages:
            try:
                for rel in releases(name):
                    if rel.uploaded:
                        found[(name, str(rel.version))] = str(rel.uploaded)
            except Exception:  # noqa: BLE001 - best effort: a missing date is shown as unknown
                continue

    thread = threading.Thread(target=work, daemon=True)
    thread.start()
    thread.join(timeout)
    return dict(found) if not thread.is_alive() else {}
