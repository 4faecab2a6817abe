"""WCAG AA contrast (4.5:1) of the text on every outcome colour and on the whole pass-rate scale, computed from the
CSS the site ships; the short label stays in each square as the non-colour cue."""

from __future__ import annotations

import re
from pathlib import Path

from convtrack.outcomes import SHORT, Outcome
from convtrack.site import colours

STATIC = Path(colours.__file__).parent / "static"


def test_outcome_css_has_aa_contrast() -> None:
    rules = re.findall(r"\.o-([a-z_]+) \{ background: (#[0-9a-f]{6}); color: (#[0-9a-f]{6}); \}", colours.outcome_css())
    assert {o for o, _, _ in rules} == {o.value for o in Outcome}
    for outcome, bg, fg in rules:
        assert colours.contrast(bg, fg) >= colours.AA, (outcome, bg, fg, colours.contrast(bg, fg))


def test_rate_scale_has_aa_contrast_with_its_text() -> None:
    for passed in range(0, 201):
        bg = colours.rate_colour(passed, 200)
        assert colours.contrast(bg, colours.text_on(bg)) >= colours.AA, bg
    assert colours.contrast(colours.NO_RATE, colours.text_on(colours.NO_RATE)) >= colours.AA


def test_site_js_uses_the_same_scale() -> None:
    js = (STATIC / "site.js").read_text()
    assert f"{colours.RATE_S}%, {colours.RATE_L}%" in js


def test_style_css_text_colours_have_aa_contrast_on_white() -> None:
    css = (STATIC / "style.css").read_text()
    for rule in re.findall(r"(?m)^(\.note|footer|a|\.filter-status) \{[^}]*?color: (#[0-9a-f]{3,6})", css):
        assert colours.contrast(rule[1], "#ffffff") >= colours.AA, rule


def test_every_outcome_keeps_a_short_label() -> None:
    assert all(SHORT[o] for o in Outcome)


def test_the_checked_rules_exist() -> None:
    css = (STATIC / "style.css").read_text()
    assert len(re.findall(r"(?m)^(\.note|footer|a|\.filter-status) \{[^}]*?color: (#[0-9a-f]{3,6})", css)) == 4
