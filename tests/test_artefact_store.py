"""The artefact store's layout: content-addressed blobs, and when an artefact is whole enough to replay."""

from __future__ import annotations

from pathlib import Path

from conftest import keep_artefact
from convtrack import artefact_store


def test_an_artefact_is_whole_only_while_every_blob_its_manifest_names_is_there(tmp_path: Path) -> None:
    store = tmp_path / "artefacts"
    whole, damaged = keep_artefact(store), keep_artefact(store, model=b"other", inputs=(b"x", b"lost"))
    assert artefact_store.named_blobs(artefact_store.manifest(store, damaged)) >= {
        artefact_store.put(store, b"lost"), artefact_store.put(store, b"other")}
    artefact_store.blob_path(store, artefact_store.put(store, b"lost")).unlink()  # what stop 24's prune race did
    assert artefact_store.complete(store, whole)
    assert not artefact_store.complete(store, damaged)
    assert not artefact_store.complete(store, "f" * 64)  # never kept
    assert not artefact_store.complete(store, artefact_store.put(store, b"{}"))  # JSON, but no manifest
    keep_artefact(store, model=b"other", inputs=(b"x", b"lost"))  # keeping it again writes the lost blob back
    assert artefact_store.complete(store, damaged)


def test_a_blob_is_read_back_only_while_its_bytes_hash_to_its_name(tmp_path: Path) -> None:
    import pytest

    digest = artefact_store.put(tmp_path, b"bytes")
    assert artefact_store.get(tmp_path, digest) == b"bytes"
    artefact_store.blob_path(tmp_path, digest).write_bytes(b"other")
    with pytest.raises(ValueError, match="corrupt"):
        artefact_store.get(tmp_path, digest)
