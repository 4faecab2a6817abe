"""Inline SVG charts generated in Python (no JavaScript, no CDN): pass rate across releases."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape

PALETTE = ["#1e88e5", "#e53935", "#43a047", "#8e24aa", "#fb8c00", "#00897b"]


def line_chart(labels: list[str], series: list[dict[str, Any]], title: str, width: int = 560,
               height: int = 220) -> Markup:
    """A line chart of values in [0, 1] (None = no data), one x position per label; returns safe SVG markup."""
    left, right, top, bottom = 40, 110, 24, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    n = max(len(labels), 1)

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / n)

    def y(v: float) -> float:
        return top + plot_h * (1 - v)

    parts = [f'<svg class="chart" role="img" xmlns="http://www.w3.org/2000/svg" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}"><title>{escape(title)}</title>',
             f'<text x="{left}" y="14" class="ct">{escape(title)}</text>']
    for tick in (0.0, 0.5, 1.0):
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
                     f'stroke="#ddd"/><text x="{left - 4}" y="{y(tick) + 4:.1f}" text-anchor="end" '
                     f'class="cl">{int(tick * 100)}%</text>')
    for i, label in enumerate(labels):
        parts.append(f'<text x="{x(i):.1f}" y="{top + plot_h + 16}" text-anchor="middle" '
                     f'class="cl">{escape(label)}</text>')
    for k, s in enumerate(series):
        colour = PALETTE[k % len(PALETTE)]
        points = [(x(i), y(v)) for i, v in enumerate(s["points"]) if v is not None]
        if len(points) > 1:
            path = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
            parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
        for (px, py), v in zip(points, [v for v in s["points"] if v is not None], strict=True):
            parts.append(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="3.5" fill="{colour}">'
                         f'<title>{escape(s["name"])}: {v:.0%}</title></circle>')
        ly = top + 14 * k + 8
        parts.append(f'<rect x="{left + plot_w + 12}" y="{ly - 8}" width="10" height="10" fill="{colour}"/>'
                     f'<text x="{left + plot_w + 26}" y="{ly + 1}" class="cl">{escape(s["name"])}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))
