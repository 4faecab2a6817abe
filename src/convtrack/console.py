"""The output of cells running at once, line by line, never interleaved mid-line.

Each cell's output (nox, uv, its runner) arrives through its own pipe and is printed one whole line at a time,
prefixed by the cell id. On a terminal the runner's progress lines (`[  3/680] ... | cell: 3/680 done, 0 failed,
1m02s elapsed, ETA 3h10m`) are not scrolled but kept as one live status line per cell at the bottom, redrawn as
they change; everything else scrolls above them.
"""

from __future__ import annotations

import re
import shutil
from typing import TextIO

PROGRESS = re.compile(r"^\[\s*\d+/\d+\] ")
_UP_AND_CLEAR = "\x1b[{n}F\x1b[J"  # cursor to the start of the line n up, clear to the end of the screen


class Console:
    def __init__(self, stream: TextIO, live: bool | None = None, width: int | None = None) -> None:
        self.stream = stream
        self.width = width
        self.live = stream.isatty() if live is None else live
        self.status: dict[str, str] = {}
        self._drawn = 0
        self._partial: dict[str, bytes] = {}

    def feed(self, cell: str, data: bytes) -> None:
        """Bytes read from a cell's pipe; whole lines are shown, a partial one waits for its end."""
        buf = self._partial.get(cell, b"") + data
        *lines, self._partial[cell] = buf.split(b"\n")
        for raw in lines:
            self.line(cell, raw.decode(errors="replace").rstrip("\r"))

    def flush(self, cell: str) -> None:
        """The cell's pipe closed: show what is left without a newline; its live line becomes a scrolled one."""
        rest = self._partial.pop(cell, b"")
        if rest:
            self.line(cell, rest.decode(errors="replace"))
        last = self.status.pop(cell, None)
        if last is not None and self.live:  # the cell's final progress line stays, scrolled
            self._redraw(f"[{cell}] {last}")

    def say(self, text: str) -> None:
        """A line of the host's own (no cell prefix)."""
        if self.live:
            self._redraw(text)
        else:
            self.stream.write(text + "\n")
            self.stream.flush()

    def line(self, cell: str, text: str) -> None:
        if self.live and PROGRESS.match(text):
            self.status[cell] = text
            self._redraw(None)
        elif self.live:
            self._redraw(f"[{cell}] {text}")
        else:
            self.stream.write(f"[{cell}] {text}\n")
            self.stream.flush()

    def _redraw(self, scrolled: str | None) -> None:
        width = self.width or shutil.get_terminal_size((120, 20)).columns
        out = [_UP_AND_CLEAR.format(n=self._drawn)] if self._drawn else []
        if scrolled is not None:
            out.append(scrolled + "\n")
        rows = [f"[{cell}] {text}"[: width - 1] for cell, text in sorted(self.status.items())]
        out += [r + "\n" for r in rows]
        self._drawn = len(rows)
        self.stream.write("".join(out))
        self.stream.flush()
