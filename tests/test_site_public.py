"""Machine paths in error text are published relative, escaped, on every page and download (old records too)."""

from __future__ import annotations

from pathlib import Path

import pytest

from convtrack.site.public import public, public_text

NOX = "/work/main/.nox/torch_onnx-torch2-9-1-ort1-20-1-onnx1-17-0/lib/python3.11/site-packages"


@pytest.mark.parametrize(("raw", "shown"), [
    (f'File "{NOX}/torch/onnx/_internal/x.py", line 3', 'File "<env>/site-packages/torch/onnx/_internal/x.py", line 3'),
    ("/usr/lib/python3/dist-packages/numpy/core.py", "<env>/dist-packages/numpy/core.py"),
    ("at /work/main/suites/issues/pytorch_1.py:12", "at suites/issues/pytorch_1.py:12"),
    ("/work/main/src/convtrack/cell/worker.py", "<checkout>/src/convtrack/cell/worker.py"),
    ("/root/.cache/uv/archive", "~/.cache/uv/archive"),
    ("/tmp/tmpab12/model.onnx", "<work>/model.onnx"),
    ("https://github.com/a/b/site-packages/x a/b/suites/y", "https://github.com/a/b/site-packages/x a/b/suites/y"),
    ("no path here: 1/2", "no path here: 1/2"),
])
def test_public_text(raw: str, shown: str) -> None:
    assert public_text(raw) == shown


def test_public_keeps_markup_and_walks_containers() -> None:
    from markupsafe import Markup

    m = Markup("<svg>/root/x</svg>")
    assert public(m) is m
    assert public({"e": ["/root/a"], "n": 1}) == {"e": ["~/a"], "n": 1}


def test_site_shows_old_records_without_machine_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from convtrack import site, store
    from test_site import make_reports, make_suites

    reports = make_reports(tmp_path)
    cell = "torch2.9.0-ort1.20.1-onnx1.17.0"
    rec = store.Record(run_id="20261126T000000-bbbbbb", converter="torch.onnx", framework="torch", cell=cell,
                       case="models/lstm", case_kind="model", case_hash="h", opset=17, mode="legacy",
                       versions={"python": "3.11.7", "torch": "2.9.0", "onnxruntime": "1.20.1", "onnx": "1.17.0"},
                       outcome="convert_error", signature="RuntimeError: <boom>",
                       error=f'Traceback:\n  File "{NOX}/torch/x.py", line 1\nRuntimeError: <boom> in /root/y',
                       created="2026-11-26T10:00:00Z")
    store.write_all(store.run_file(reports, "torch.onnx", cell, "20261126T000000-bbbbbb"), [rec])
    out = tmp_path / "out"
    site.build(reports, out, suites=make_suites(tmp_path), online=False)
    page = (out / "cases" / "models--lstm.html").read_text()
    assert "&lt;env&gt;/site-packages/torch/x.py" in page and "&lt;boom&gt; in ~/y" in page
    for p in out.rglob("*"):
        if p.is_file() and p.suffix != ".gz":
            assert "/work/main" not in p.read_text(encoding="utf-8") and "/root/" not in p.read_text(), p
