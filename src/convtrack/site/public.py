"""Published text without the recording machine's paths.

Error messages carry absolute paths of the machine that ran the cell (its uv/nox environment, the checkout, the
home folder). They say nothing to a reader and leak the machine's layout, so every text that reaches a page or a
download goes through `public_text`: installed packages read `<env>/site-packages/...`, case files
`suites/...`, the checkout `<checkout>/...`, the rest of a home or work folder `~` / `<work>`. It applies to old
records too, since it runs at build time, not when recording.
"""

from __future__ import annotations

import functools
import re
from typing import Any

_SEG = r"[\w.+@~-]+"
_START = r"(?<![\w/.~<>-])"  # a path starts here, not in the middle of a relative path or a URL
_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"{_START}(?:/{_SEG})+?/(?:lib/python[\d.]+/)?(site|dist)-packages/"), r"<env>/\1-packages/"),
    (re.compile(rf"{_START}(?:/{_SEG})+?/(suites)/"), r"\1/"),
    (re.compile(rf"{_START}(?:/{_SEG})+?/src/convtrack/"), "<checkout>/src/convtrack/"),
    (re.compile(rf"{_START}/(?:root|home/{_SEG}|Users/{_SEG})(?=/|\b)"), "~"),
    (re.compile(rf"{_START}/(?:work|tmp|mnt|scratch)/{_SEG}(?=/|\b)"), "<work>"),
]


def public_text(text: str) -> str:
    """`text` with machine paths made relative (see the module doc); escaping is the caller's (jinja2's) job."""
    return _rewrite(text) if "/" in text else text


@functools.lru_cache(maxsize=65536)  # the same error texts reach many pages: one case's failure on every cell
def _rewrite(text: str) -> str:
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    return text


def public(value: Any) -> Any:
    """`public_text` for plain strings, recursively in lists and dicts; anything else (markup, numbers) as is."""
    if type(value) is str:  # not markupsafe.Markup (a str subclass): that is markup we built ourselves
        return public_text(value)
    if isinstance(value, dict):
        return {k: public(v) for k, v in value.items()}
    if isinstance(value, list):
        return [public(v) for v in value]
    return value


def finalize(value: Any) -> Any:
    """jinja2's finalize: called for every printed value, so plain strings only, on the fast path."""
    return public_text(value) if type(value) is str else value
