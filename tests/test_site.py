from __future__ import annotations

from pathlib import Path

from convtrack import site, store


def test_converter_messages_are_escaped(tmp_path: Path) -> None:
    evil = "<script>alert(1)</script>"
    store.write_all(tmp_path / "records" / "torch.onnx" / "c" / "r.jsonl", [
        store.Record(run_id="r", converter="torch.onnx", cell="torch2.6.0", case="issues/x", case_kind="issue",
                     case_hash="h", opset=17, mode="legacy", versions={"torch": "2.6.0"}, outcome="convert_error",
                     signature=f"RuntimeError: {evil}", error=f"RuntimeError: {evil}"),
        store.Record(run_id="r", converter="torch.onnx", cell="torch2.6.0", case="models/y", case_kind="model",
                     case_hash="h", opset=17, mode="legacy", versions={"torch": "2.6.0"}, outcome="pass"),
    ])
    index = site.build(tmp_path, tmp_path / "out")
    html = index.read_text()
    assert evil not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "torch2.6.0" in html and "issues/x" in html and "models/y" in html
    assert (tmp_path / "out" / "static" / "style.css").exists()
    assert 'href="./static/style.css"' in html  # relative: works from disk and under a sub-path
