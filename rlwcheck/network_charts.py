"""Small inline SVG charts for the board report: no scripts, no external files, readable offline.

Each chart is an ``<svg role="img">`` labelled by its own ``<title>`` and ``<desc>``; every bar
carries a ``<title>`` with its exact figure (a tooltip, and text for screen readers). The report
also shows the same figures as tables, the accessible alternative. All text is escaped.
"""

import re

from markupsafe import Markup, escape

WIDTH = 680
LABEL_WIDTH = 170
VALUE_GAP = 34
BAR_HEIGHT = 14
ROW_GAP = 10
# light blue for the earlier date, dark blue for the later one (and for single-series charts)
COLOURS = ("#9db9d6", "#1d4e89")
FONT = 'font-family="system-ui, sans-serif" font-size="12" fill="#1a1a1a"'


def _ids(title: str) -> tuple[str, str]:
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    return f"chart-{slug}-title", f"chart-{slug}-desc"


def _open(title: str, desc: str, height: int) -> list[str]:
    title_id, desc_id = _ids(title)
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" aria-labelledby="{title_id} {desc_id}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(desc)}</desc>',
    ]


def bar_chart(title: str, desc: str, items: list[tuple[str, list[int]]], series: list[str]) -> str:
    """Horizontal bars, one group per item and one bar per series, with a legend when there are two."""
    legend_height = 24 if len(series) > 1 else 0
    row = BAR_HEIGHT * len(series) + ROW_GAP
    height = legend_height + row * len(items) + ROW_GAP
    largest = max((value for _, values in items for value in values), default=0) or 1
    scale = (WIDTH - LABEL_WIDTH - VALUE_GAP) / largest
    parts = _open(title, desc, height)
    if len(series) > 1:
        for index, name in enumerate(series):
            x = LABEL_WIDTH + index * 200
            parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{COLOURS[index]}"/>')
            parts.append(f'<text x="{x + 18}" y="15" {FONT}>{escape(name)}</text>')
    for position, (label, values) in enumerate(items):
        top = legend_height + ROW_GAP + position * row
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{top + row / 2}" text-anchor="end" {FONT}>{escape(label)}</text>'
        )
        for index, value in enumerate(values):
            y = top + index * BAR_HEIGHT
            colour = COLOURS[index + len(COLOURS) - len(values)]
            tip = f"{label}: {value}" + (f" ({series[index]})" if len(series) > 1 else "")
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{value * scale:.1f}" height="{BAR_HEIGHT - 2}" '
                f'fill="{colour}"><title>{escape(tip)}</title></rect>'
            )
            parts.append(
                f'<text x="{LABEL_WIDTH + value * scale + 4:.1f}" y="{y + 11}" {FONT}>{value}</text>'
            )
    parts.append("</svg>")
    return Markup("\n".join(parts))


def column_chart(title: str, desc: str, points: list[tuple[str, int]]) -> str:
    """Vertical columns over time, labelled underneath, each with its value on top."""
    height, top, bottom = 220, 24, 40
    plot = height - top - bottom
    width_each = (WIDTH - 20) / max(len(points), 1)
    largest = max((value for _, value in points), default=0) or 1
    parts = _open(title, desc, height)
    parts.append(
        f'<line x1="10" y1="{top + plot}" x2="{WIDTH - 10}" y2="{top + plot}" stroke="#555"/>'
    )
    for index, (label, value) in enumerate(points):
        bar = plot * value / largest
        x = 10 + index * width_each
        centre = x + width_each / 2
        parts.append(
            f'<rect x="{x + 6:.1f}" y="{top + plot - bar:.1f}" width="{width_each - 12:.1f}" '
            f'height="{bar:.1f}" fill="{COLOURS[1]}"><title>{escape(f"{label}: {value}")}</title></rect>'
        )
        parts.append(
            f'<text x="{centre:.1f}" y="{top + plot - bar - 4:.1f}" text-anchor="middle" {FONT}>{value}</text>'
        )
        for line, text in enumerate(
            label.split(" ")
        ):  # "May 2026" as two lines, so labels never overlap
            parts.append(
                f'<text x="{centre:.1f}" y="{top + plot + 16 + 14 * line}" text-anchor="middle" '
                f"{FONT}>{escape(text)}</text>"
            )
    parts.append("</svg>")
    return Markup("\n".join(parts))
