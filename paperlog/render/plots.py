"""SVG pictures of the library, drawn in Python (geometry) and templates (markup).

No JavaScript and no charting library: the README embeds these as images (GitHub
renders SVG files referenced by relative path) and the site inlines them.

- `goals_svg`   one progress bar per reading goal
- `month_chart` papers read per month, as columns
- `topic_chart` papers per topic, as horizontal bars
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import jinja2

from paperlog.goals import GoalProgress

__all__ = ["goals_svg", "month_chart", "months_between", "topic_chart"]

WIDTH = 640


def _bar_colour(fraction: float) -> str:
    """Green when done; otherwise a blue that deepens with progress (readable in both themes)."""
    if fraction >= 1:
        return "#d4a017"
    if fraction >= 0.67:
        return "#6f42c1"
    if fraction >= 0.33:
        return "#0969da"
    return "#54aeff"


@dataclass(frozen=True)
class _Row:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    colour: str = "#0969da"
    note: str = ""


def goals_svg(env: jinja2.Environment, progress: Sequence[GoalProgress]) -> str:
    """Progress bars for `progress` (one row per goal), as a standalone SVG document."""
    row_height, bar_height, label_width = 34, 14, 0
    track = WIDTH - 20
    rows = []
    for i, item in enumerate(progress):
        top = 8 + i * row_height
        note = f"{item.done} / {item.target} ({item.percent}%)"
        if item.goal.window():
            note += f" · {item.goal.window()}"
        rows.append(
            _Row(item.goal.name, item.done, 10 + label_width, top, track * item.fraction,
                 bar_height, _bar_colour(item.fraction), note)
        )
    height = 8 + len(rows) * row_height + 6
    return env.get_template("svg/goals.svg.j2").render(
        rows=rows, width=WIDTH, height=height, track=track, bar_height=bar_height
    )


def months_between(first: dt.date, last: dt.date) -> list[str]:
    """`YYYY-MM` for every month from `first` to `last`, so that empty months show as gaps."""
    months, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_chart(env: jinja2.Environment, by_month: Mapping[str, int], *, last: int = 24) -> str:
    """Columns of papers read per month (`YYYY-MM` -> count), the `last` months at most."""
    if not by_month:
        return ""
    keys = sorted(by_month)
    first_day = dt.date.fromisoformat(keys[0] + "-01")
    last_day = dt.date.fromisoformat(keys[-1] + "-01")
    months = months_between(first_day, last_day)[-last:]
    peak = max(by_month.get(m, 0) for m in months) or 1
    plot_height, left, bottom = 140, 32, 36
    step = (WIDTH - left - 10) / len(months)
    bar = max(2.0, step * 0.7)
    rows = []
    for i, month in enumerate(months):
        value = by_month.get(month, 0)
        height = plot_height * value / peak
        rows.append(_Row(month, value, left + i * step + (step - bar) / 2, 10 + plot_height - height,
                         bar, height))
    label_every = max(1, len(months) // 8)
    ticks = _ticks(peak)
    return env.get_template("svg/months.svg.j2").render(
        rows=rows, width=WIDTH, height=10 + plot_height + bottom, plot_height=plot_height, left=left,
        label_every=label_every, peak=peak, ticks=ticks, top=10,
    )


def _ticks(peak: int) -> list[int]:
    step = max(1, round(peak / 4))
    return list(range(0, peak + 1, step))


def topic_chart(env: jinja2.Environment, by_topic: Mapping[str, int], *, top: int = 15) -> str:
    """Horizontal bars of papers per topic, the `top` largest topics."""
    if not by_topic:
        return ""
    items = sorted(by_topic.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    peak = max(v for _, v in items) or 1
    label_width, row_height, bar_height = 200, 22, 14
    track = WIDTH - label_width - 50
    rows = [
        _Row(label, value, label_width, 6 + i * row_height, track * value / peak, bar_height)
        for i, (label, value) in enumerate(items)
    ]
    return env.get_template("svg/topics.svg.j2").render(
        rows=rows, width=WIDTH, height=12 + len(rows) * row_height, label_width=label_width,
        bar_height=bar_height,
    )
