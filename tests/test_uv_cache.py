"""Pruning one release from a real uv cache (a temporary one, UV_CACHE_DIR): six 1.16.0 and 1.17.0 installed for
real; pruning one leaves the other installable offline and the pruned one not, and nothing another entry uses."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from convtrack import disk, uv_cache

VERSIONS = ("1.16.0", "1.17.0")


def _uv(cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["uv", *args], env=dict(os.environ, UV_CACHE_DIR=str(cache)), capture_output=True,
                          text=True, check=False)


def _installs_offline(cache: Path, venv: Path, version: str) -> bool:
    if not (venv / "bin" / "python").exists():
        assert _uv(cache, "venv", "-q", "-p", "3.11", str(venv)).returncode == 0
    return _uv(cache, "pip", "install", "--offline", "--python", str(venv / "bin" / "python"),
               f"six=={version}").returncode == 0


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    """A fresh uv cache holding six at two versions, each installed for real into its own environment."""
    if shutil.which("uv") is None:
        pytest.skip(reason="uv is not installed: pip install -e '.[test]' installs it")
    cache = tmp_path / "uv-cache"
    for v in VERSIONS:
        venv = tmp_path / f"six-{v}"
        assert _uv(cache, "venv", "-q", "-p", "3.11", str(venv)).returncode == 0
        done = _uv(cache, "pip", "install", "--python", str(venv / "bin" / "python"), f"six=={v}")
        assert done.returncode == 0, done.stderr
    return cache


def test_both_releases_are_found_with_their_archives(cache: Path) -> None:
    assert sorted(uv_cache.cached_versions(cache, "six")) == list(VERSIONS)
    assert all(uv_cache.is_cached(cache, ("six", v)) for v in VERSIONS)
    assert not uv_cache.is_cached(cache, ("six", "1.15.0"))
    assert {p.name.split(".")[-1] for p in uv_cache.entries(cache, ("six", "1.16.0"))} >= {"http", "msgpack"}
    assert uv_cache.release_size(cache, ("six", "1.16.0")) > 0


def test_pruning_one_release_keeps_the_other_installable_offline(cache: Path, tmp_path: Path) -> None:
    size = uv_cache.release_size(cache, ("six", "1.16.0"))
    before = disk.du([cache])
    removed, freed = uv_cache.prune(cache, [("six", "1.16.0")])
    assert removed == [("six", "1.16.0")] and freed == size
    assert disk.du([cache]) <= before - size
    assert uv_cache.entries(cache, ("six", "1.16.0")) == []
    assert not _installs_offline(cache, tmp_path / "after", "1.16.0")
    assert _installs_offline(cache, tmp_path / "after", "1.17.0")
    # the environment built from the pruned release still works: it holds hardlinks, not links into the cache
    ok = subprocess.run([str(tmp_path / "six-1.16.0" / "bin" / "python"), "-c", "import six; print(six.__version__)"],
                        capture_output=True, text=True, check=True)
    assert ok.stdout.strip() == "1.16.0"


def test_a_release_a_pending_cell_needs_is_kept(cache: Path, tmp_path: Path) -> None:
    removed, freed = uv_cache.prune(cache, [("six", "1.16.0"), ("six", "1.17.0")], keep=[("Six", "1.17.0")])
    assert removed == [("six", "1.16.0")] and freed > 0
    assert _installs_offline(cache, tmp_path / "kept", "1.17.0")


def test_an_archive_another_entry_links_to_stays(cache: Path, tmp_path: Path) -> None:
    archive = uv_cache.cached_versions(cache, "six")["1.17.0"][0]
    other = next(cache.glob("wheels-v*")) / "pypi" / "other-package"
    other.mkdir()
    (other / "1.0-py3-none-any").symlink_to(archive)  # as uv links two entries to one unpacked wheel
    removed, freed = uv_cache.prune(cache, [("six", "1.17.0")])
    assert removed == [("six", "1.17.0")] and freed == 0
    assert archive.is_dir()
    assert uv_cache.is_cached(cache, ("six", "1.16.0"))


def test_nothing_named_is_nothing_removed(cache: Path) -> None:
    before = disk.du([cache])
    assert uv_cache.prune(cache, [("six", "9.9.9"), ("torch", "2.15.0")]) == ([], 0)
    assert disk.du([cache]) == before
