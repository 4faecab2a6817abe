"""site.common: the page rows from the records index are the frame's rows, integers kept integers."""

from __future__ import annotations

from pathlib import Path

from convtrack import analysis, records_index, store
from convtrack.site.common import latest_rows, page_rows


def test_page_rows_match_latest_rows_with_integers_kept(tmp_path: Path) -> None:
    base = dict(run_id="r1", converter="tf2onnx", framework="tensorflow", cell="tf2.15.1-tf2onnx1.17.0",
                case="models/x", case_kind="model", case_hash="h", opset=17, mode=None,
                versions={"tensorflow": "2.15.1", "tf2onnx": "1.17.0"})
    store.write_all(store.run_file(tmp_path, "tf2onnx", base["cell"], "r1"),  # type: ignore[arg-type]
                    [store.Record(**base, outcome="pass"),  # type: ignore[arg-type]
                     store.Record(**{**base, "opset": 18}, outcome="mismatch", failed_seed=0)])  # type: ignore[arg-type]
    new = page_rows(records_index.load(tmp_path).latest)
    old = latest_rows(analysis.load(tmp_path))
    assert [set(r) - {k for k in old[0] if k.startswith("v:")} for r in old] == [set(r) for r in new]
    for n, o in zip(new, old, strict=True):
        assert n == {k: o[k] for k in n}
    assert new[0]["mode"] == "-" and new[0]["framework_version"] == "2.15.1"
    assert new[1]["failed_seed"] == 0 and isinstance(new[1]["failed_seed"], int)  # the frame made it 0.0
    assert new[0]["failed_seed"] is None


def test_an_integer_mismatch_reads_compared_for_equality_not_a_tolerance() -> None:
    import numpy as np

    from convtrack.cell import compare
    from convtrack.site.common import noise

    ints = np.array([-4, -3, 2], dtype=np.int64)
    exact = compare.compare([ints], [ints + 1]).metrics()
    assert "equality" in noise(exact) and "rtol" not in noise(exact)
    floats = np.ones(3, np.float32)
    assert "rtol=0.001" in noise(compare.compare([floats], [floats + 1]).metrics())
