"""Bar-chart layout for the monthly volume: geometry only, drawn as inline SVG by the template. Pure.

The template turns a `Chart` into `<svg>` (so every label passes through jinja2's autoescape and
nothing is marked safe). Bars are told apart by black-and-white fill patterns, not colour, and each
bar carries its value as a label, so a chart reads the same on a black-and-white printer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# Fill patterns, darkest first; the template defines each as an SVG <pattern> or a grey fill.
PATTERNS = ("solid", "hatch", "grey", "cross", "dots", "vertical", "light")

FONT_SIZE = 11.0
BAR = 13.0  # height of one bar
GAP = 2.0  # between the bars of one group
GROUP_GAP = 9.0  # between groups
LEGEND = 24.0  # height of the legend line (charts of more than one series)
AXIS = 20.0  # room for the tick labels under the bars
VALUE_ROOM = 34.0  # room right of the longest bar for its value label


@dataclass(frozen=True, slots=True)
class Bar:
    """One bar: its rectangle, its fill pattern and its value label."""

    x: float
    y: float
    width: float
    height: float
    value: int
    pattern: str
    text_x: float  # where the value label starts
    text_y: float  # baseline of the value label


@dataclass(frozen=True, slots=True)
class Row:
    """One group of bars with its label on the left."""

    label: str
    label_x: float  # right end of the label (text-anchor end)
    label_y: float  # baseline
    bars: tuple[Bar, ...]


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    value: int
    y1: float
    y2: float
    text_y: float


@dataclass(frozen=True, slots=True)
class LegendItem:
    x: float
    y: float
    size: float
    pattern: str
    label: str
    text_x: float
    text_y: float


@dataclass(frozen=True, slots=True)
class Chart:
    """A horizontal bar chart laid out in a width × height view box."""

    id: str  # prefix of the pattern ids: unique in the document
    title: str
    width: float
    height: float
    plot_x: float  # left end of the bars (the axis)
    plot_y: float
    plot_bottom: float
    rows: tuple[Row, ...]
    ticks: tuple[Tick, ...]
    legend: tuple[LegendItem, ...]
    font_size: float = FONT_SIZE


def text_width(text: str, size: float = FONT_SIZE) -> float:
    """Rough advance of a label: CJK and other wide characters 1 em, the rest about 0.6 em."""
    return sum(size if ord(ch) > 0x2E80 else size * 0.6 for ch in text)


def nice_step(top: int, most: int = 5) -> int:
    """A tick step of 1, 2 or 5 × 10^k giving at most `most` intervals up to `top`."""
    if top <= 0:
        return 1
    raw = top / most
    power = 10 ** math.floor(math.log10(raw)) if raw >= 1 else 1
    for mult in (1, 2, 5, 10):
        if mult * power >= raw:
            return max(1, int(mult * power))
    return max(1, int(10 * power))  # pragma: no cover


def bar_chart(chart_id: str, title: str, labels: Sequence[str], series: Sequence[tuple[str, str]],
              values: Sequence[Sequence[int]], width: float = 640.0,
              patterns: Sequence[str] | None = None) -> Chart:
    """Lay out grouped horizontal bars: one row per label, one bar per series (name, pattern).

    `values[row][series]` are the counts. `patterns`, when given, overrides the fill per row
    (for a one-series chart whose rows mean different things).
    """
    label_w = max((text_width(lb) for lb in labels), default=0.0) + 10.0
    plot_x = min(max(label_w, 60.0), width * 0.45)
    plot_w = width - plot_x - VALUE_ROOM
    top = max((v for row in values for v in row), default=0)
    step = nice_step(top)
    scale_top = max(step, math.ceil(top / step) * step)
    legend: list[LegendItem] = []
    y = 4.0
    if len(series) > 1:
        x = plot_x
        for name, pattern in series:
            legend.append(LegendItem(x, y + 2, 11.0, pattern, name, x + 15.0, y + 11.5))
            x += 15.0 + text_width(name) + 18.0
        y += LEGEND
    plot_y = y
    rows: list[Row] = []
    n = max(1, len(series))
    group_h = n * BAR + (n - 1) * GAP
    for r, label in enumerate(labels):
        bars = []
        for s, (_, pattern) in enumerate(series):
            value = int(values[r][s]) if s < len(values[r]) else 0
            length = plot_w * value / scale_top if scale_top else 0.0
            by = y + s * (BAR + GAP)
            fill = patterns[r] if patterns is not None and len(series) == 1 else pattern
            bars.append(Bar(plot_x, by, round(length, 2), BAR, value, fill,
                            plot_x + length + 4.0, by + BAR - 2.5))
        rows.append(Row(label, plot_x - 6.0, y + group_h / 2 + FONT_SIZE * 0.36, tuple(bars)))
        y += group_h + GROUP_GAP
    plot_bottom = y - GROUP_GAP + 4.0
    ticks = tuple(
        Tick(round(plot_x + plot_w * v / scale_top, 2), v, plot_y - 2.0, plot_bottom, plot_bottom + 13.0)
        for v in range(0, scale_top + 1, step)
    )
    return Chart(chart_id, title, width, round(plot_bottom + AXIS, 2), plot_x, plot_y, plot_bottom,
                 tuple(rows), ticks, tuple(legend))
