"""Output of cells running at once: whole lines, each prefixed by its cell; on a terminal one live line per cell."""

from __future__ import annotations

import io
import re

from convtrack.console import Console

PROGRESS_A = "[   1/2] models/x  opset 18 legacy pass  1.0s | a: 1/2 done, 0 failed, 0m01s elapsed, ETA 0m01s"
PROGRESS_A2 = "[   2/2] models/y  opset 18 legacy pass  1.0s | a: 2/2 done, 0 failed, 0m02s elapsed, ETA 0m00s"


def test_chunks_split_mid_line_come_out_as_whole_prefixed_lines() -> None:
    out = io.StringIO()
    con = Console(out, live=False)
    con.feed("a", b"installing tor")
    con.feed("b", b"nox > Running session\ninstall")
    con.feed("a", b"ch\n" + PROGRESS_A.encode() + b"\n")
    con.feed("b", b"ing onnx")
    con.flush("b")
    assert out.getvalue().splitlines() == ["[b] nox > Running session", "[a] installing torch", f"[a] {PROGRESS_A}",
                                           "[b] installing onnx"]


def test_on_a_terminal_each_cell_keeps_one_redrawn_progress_line() -> None:
    out = io.StringIO()
    con = Console(out, live=True, width=80)
    con.feed("a", (PROGRESS_A + "\n").encode())
    con.feed("b", b"nox > Session started\n")
    con.feed("a", (PROGRESS_A2 + "\n").encode())
    text = out.getvalue()
    screen = _render(text)
    assert screen == ["[b] nox > Session started", f"[a] {PROGRESS_A2}"[:79]]
    con.say("convtrack: finished b")
    assert _render(out.getvalue()) == ["[b] nox > Session started", "convtrack: finished b",
                                       f"[a] {PROGRESS_A2}"[:79]]
    con.flush("a")
    assert _render(out.getvalue()) == ["[b] nox > Session started", "convtrack: finished b", f"[a] {PROGRESS_A2}"]


def _render(text: str) -> list[str]:
    """What a terminal shows after `text`: the ANSI 'n lines up, clear to the end' drops the last n lines."""
    lines: list[str] = []
    pos = 0
    for m in re.finditer(r"\x1b\[(\d+)F\x1b\[J", text):
        lines += text[pos:m.start()].splitlines()
        del lines[len(lines) - int(m.group(1)):]
        pos = m.end()
    return lines + text[pos:].splitlines()
