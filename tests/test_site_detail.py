"""The case x result view split by cell: a page per cell with its own texts, and the overview linking them."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from convtrack.site import detail
from test_site import CELLS, EVIL, build_site

CELL_29 = "torch2.9.0-ort1.20.1-onnx1.17.0"


def _row(cell: str, case: str, mode: str, opset: int, outcome: str, error: str | None = None) -> dict[str, Any]:
    return {"converter": "torch.onnx", "cell": cell, "case": case, "mode": mode, "opset": opset, "outcome": outcome,
            "error": error, "signature": None, "reason": None, "metrics": None, "blame_shown": None}


def _cases(*ids: str) -> dict[str, dict[str, Any]]:
    return {c: {"id": c, "kind": "model", "tags": [], "page": f"cases/{c}.html"} for c in ids}


def test_a_slice_holds_one_cell_with_each_text_once() -> None:
    rows = [_row(CELL_29, "a", "dynamo", 18, "convert_error", "boom"),
            _row(CELL_29, "b", "dynamo", 18, "convert_error", "boom"),
            _row(CELL_29, "a", "legacy", 17, "pass")]
    view = detail.slice_view("torch.onnx", CELL_29, rows, _cases("a", "b"))
    assert view["columns"] == [("dynamo", 18), ("legacy", 17)]
    assert view["labels"] == ["dynamo / opset 18", "legacy / opset 17"] and view["col_modes"] == ["dynamo", "legacy"]
    assert view["modes"] == [("dynamo", 1), ("legacy", 1)]
    a, b = view["rows"]
    assert a["results"][0]["d"] == b["results"][0]["d"]  # "convert_error: boom" stored once
    assert b["results"][1] is None  # b never ran legacy @17: an empty square
    assert view["details"] == ["convert_error: boom", "pass: "]
    assert view["script"] == f"data/details/torch.onnx-{CELL_29}.js"


def test_details_script_files_the_texts_under_the_page_key() -> None:
    view = {"key": f"torch.onnx {CELL_29}", "details": [EVIL]}
    script = detail.details_script(view)
    found = re.search(r"\[(\".*?\")\] = (.*);", script)
    assert found and json.loads(found.group(1)) == view["key"] and json.loads(found.group(2)) == [EVIL]


def test_every_cell_has_its_page_linked_from_the_overview_matrix_and_cell_page(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = build_site(tmp_path, monkeypatch)
    overview = (out / "detail.html").read_text()
    index = (out / "index.html").read_text()
    for cell in CELLS:
        page = detail.detail_page("torch.onnx", cell)
        assert (out / page).exists() and (out / detail.details_file("torch.onnx", cell)).exists()
        assert f'href="./{page}"' in overview
        assert f'href="../{page}"' in (out / "cells" / f"torch.onnx-{cell}.html").read_text()
    assert f'data-detail="./{detail.detail_page("torch.onnx", CELL_29)}"' in index
    page = (out / detail.detail_page("torch.onnx", CELL_29)).read_text()
    assert 'data-filter="mode"' in page and "models/lstm" in page and "issues/evil" in page
    assert "torch2.8.0" not in page.split("<main>")[1]  # no other cell's results
    assert not list((out / "data").glob("details-*.js"))  # no file carries a whole converter's texts
