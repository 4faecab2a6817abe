"""Sizes: parsing `30G`, measuring as du does (a hardlink counted once), the peak of a run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from convtrack import disk


def test_sizes_parse_in_binary_units() -> None:
    assert disk.parse_size("30G") == 30 * 2**30
    assert disk.parse_size("1.5T") == int(1.5 * 2**40)
    assert disk.parse_size("500m") == 500 * 2**20
    assert disk.parse_size("30GiB") == disk.parse_size("30GB") == disk.parse_size("30G")
    assert disk.parse_size("4096") == 4096
    for bad in ("", "thirty", "30X", "-1G"):
        with pytest.raises(ValueError, match="not a size"):
            disk.parse_size(bad)
    assert disk.fmt(30 * 2**30) == "30.0 G" and disk.fmt(23 * 2**20) == "23.0 M"


def test_du_counts_a_hardlinked_file_once_and_follows_no_symlink(tmp_path: Path) -> None:
    (tmp_path / "cache").mkdir()
    (tmp_path / "env").mkdir()
    big = tmp_path / "cache" / "lib.so"
    big.write_bytes(os.urandom(1 << 20))
    os.link(big, tmp_path / "env" / "lib.so")  # what uv does when it installs from its cache
    (tmp_path / "env" / "link").symlink_to(tmp_path / "cache")
    one = disk.du([tmp_path / "cache"])
    assert one >= 1 << 20
    both = disk.du([tmp_path / "cache", tmp_path / "env"])
    assert both < one + (64 << 10)
    assert disk.du([tmp_path / "missing"]) == 0
    # the Python walk (no GNU du) agrees with du to the byte
    assert disk.walk([str(tmp_path / "cache"), str(tmp_path / "env")]) == both
    assert disk.walk([str(tmp_path / "cache")]) == one


def test_the_meter_keeps_the_peak_after_files_go(tmp_path: Path) -> None:
    meter = disk.Meter([tmp_path])
    start = meter.used
    blob = tmp_path / "blob"
    blob.write_bytes(os.urandom(4 << 20))
    assert meter.measure() >= start + (4 << 20)
    blob.unlink()
    meter.measure()
    assert meter.peak >= start + (4 << 20) > meter.used
    assert meter.sample() >= meter.used
