"""Colours of the site with WCAG 2 contrast: outcome classes (.o-<outcome>) and the pass-rate scale.

Text on a coloured square is black or white, whichever contrasts more; WCAG AA asks 4.5:1 for normal text and
one of the two always reaches it (4.58:1 at worst). The short outcome label stays in every square, so colour is
never the only cue.
"""

from __future__ import annotations

import colorsys
import re

from convtrack.outcomes import COLOURS

AA = 4.5
DARK, LIGHT = "#000000", "#ffffff"
# The pass-rate scale: hue 0 (red, 0 %) .. 120 (green, 100 %). Saturation and lightness are chosen so white text
# keeps 4.5:1 on every hue (tests/test_site_colours.py); site.js holds the same numbers.
RATE_S, RATE_L = 65, 28
NO_RATE = "#bdbdbd"  # a square without any converter result


def rgb(colour: str) -> tuple[float, float, float]:
    """'#rrggbb', '#rgb' or 'hsl(h, s%, l%)' as 0..1 floats."""
    colour = colour.strip()
    m = re.fullmatch(r"hsl\(\s*([\d.]+)\s*,\s*([\d.]+)%\s*,\s*([\d.]+)%\s*\)", colour)
    if m:
        h, s, lum = (float(x) for x in m.groups())
        r, g, b = colorsys.hls_to_rgb(h / 360, lum / 100, s / 100)
        return r, g, b
    hexa = colour.lstrip("#")
    if len(hexa) == 3:
        hexa = "".join(c * 2 for c in hexa)
    return int(hexa[0:2], 16) / 255, int(hexa[2:4], 16) / 255, int(hexa[4:6], 16) / 255


def hex_colour(colour: str) -> str:
    """Any colour `rgb` reads as '#rrggbb' (badges are rendered by tools that may not know hsl())."""
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgb(colour))


def luminance(colour: str) -> float:
    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(background: str) -> str:
    return LIGHT if contrast(background, LIGHT) >= contrast(background, DARK) else DARK


def rate_colour(passed: int, applicable: int) -> str:
    """Red (0 %) through amber to green (100 %) by pass rate; grey when nothing converter-side ran."""
    if applicable <= 0:
        return NO_RATE
    return f"hsl({round(120 * passed / applicable)}, {RATE_S}%, {RATE_L}%)"


def outcome_css() -> str:
    """One rule per outcome: its colour and the text colour with the most contrast on it."""
    rules = [f".o-{o.value} {{ background: {c}; color: {text_on(c)}; }}" for o, c in COLOURS.items()]
    return "\n".join(rules) + "\n.o-pass a, [class^='o-'] a { color: inherit; }\n"
