"""Failures clustered by normalised cause across cases and releases, on the committed records."""

from __future__ import annotations

from pathlib import Path

import pytest

from convtrack import analysis, clusters, transitions, witness

REPORTS = Path(__file__).resolve().parents[1] / "reports"


@pytest.fixture(scope="module")
def groups() -> list[dict]:
    df = analysis.load(REPORTS)
    rows = analysis.latest(df).to_dict("records")
    return clusters.cluster(rows, witness.witnesses(transitions.find(df)))


def test_one_cluster_spans_cases_and_releases_with_first_and_last_seen(groups: list[dict]) -> None:
    sdpa = next(g for g in groups if "aten::scaled_dot_product_attention" in g["signature"])
    assert sdpa["converter"] == "torch.onnx" and sdpa["outcomes"] == ["convert_error"]
    assert len(sdpa["cases"]) > 1 and len(sdpa["releases"]) > 1
    assert sdpa["first_seen"] == sdpa["releases"][0] and sdpa["last_seen"] == sdpa["releases"][-1]
    assert sdpa["first_seen"].startswith("torch ")
    assert set(sdpa["blame"]) == {"converter"}  # a convert_error is the converter's by stage (witness.BY_STAGE)
    counts = [g["count"] for g in groups if not g["harness"]]
    assert counts == sorted(counts, reverse=True)
    assert all(g["harness"] for g in groups[len(counts):])


def test_clusters_carry_blame_with_the_second_witness(groups: list[dict]) -> None:
    shapes = next(g for g in groups if g["converter"] == "torch.onnx" and g["key"].startswith("(wrong_shape"))
    assert shapes["blame"].get("runtime", 0) >= 2  # pytorch_131272 on onnxruntime 1.20.1, witnessed by 1.23.2
    assert sum(shapes["blame"].values()) == shapes["count"]


def test_keys_are_signature_key(groups: list[dict]) -> None:
    from convtrack.outcomes import signature_key

    keyed = [g for g in groups if not g["key"].startswith("(")]
    assert keyed and all(g["key"] == signature_key(g["signature"]) for g in keyed)
    text = clusters.table(groups[:3])
    assert text.splitlines()[0].split()[:5] == ["count", "converter", "signature", "outcomes", "blame"]
