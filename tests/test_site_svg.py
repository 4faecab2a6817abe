from __future__ import annotations

import xml.etree.ElementTree as ET

from convtrack.site.svg import line_chart


def test_line_chart_is_valid_svg_and_escapes_labels() -> None:
    svg = line_chart(["2.8.0", "<b>"], [{"name": "dyn&amo", "points": [1.0, None]},
                                        {"name": "legacy", "points": [0.5, 0.25]}], "t <x>")
    root = ET.fromstring(str(svg))
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "&lt;b&gt;" in svg and "dyn&amp;amo" in svg and "<b>" not in svg
    assert len(root.findall(".//{http://www.w3.org/2000/svg}polyline")) == 1  # one series has a single point
    assert len(root.findall(".//{http://www.w3.org/2000/svg}circle")) == 3
