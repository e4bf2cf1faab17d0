"""SVG plots: goal bars, papers read per month (gaps shown), papers per topic."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from paperlog.goals import ReadingGoal, progress_of
from paperlog.model import Paper, Status
from paperlog.render.plots import goals_svg, month_chart, months_between, topic_chart
from paperlog.render.templating import environment

SVG = "{http://www.w3.org/2000/svg}"


def test_render_plots_months_between_spans_years() -> None:
    assert months_between(dt.date(2024, 11, 1), dt.date(2025, 2, 1)) == [
        "2024-11", "2024-12", "2025-01", "2025-02"]


def test_render_plots_month_chart_shows_empty_months_and_parses() -> None:
    svg = month_chart(environment(), {"2025-01": 3, "2025-04": 1})
    root = ET.fromstring(svg)
    bars = root.findall(f"{SVG}rect")
    assert [bar.find(f"{SVG}title").text for bar in bars] == [  # type: ignore[union-attr]
        "2025-01: 3", "2025-02: 0", "2025-03: 0", "2025-04: 1"]
    assert float(bars[0].get("height", 0)) > float(bars[3].get("height", 0)) > 0
    assert month_chart(environment(), {}) == ""


def test_render_plots_topic_chart_orders_by_count_and_escapes() -> None:
    svg = topic_chart(environment(), {"<Vision>": 2, "NLP": 5, "RL": 2})
    root = ET.fromstring(svg)
    labels = [t.text for t in root.findall(f"{SVG}text")][::2]
    assert labels == ["NLP", "<Vision>", "RL"]


def test_render_plots_goals_svg_bars_and_colours() -> None:
    papers = [Paper(title=str(i), key=str(i), status=Status.READ, read_on=dt.date(2025, 1, i + 1))
              for i in range(3)]
    progress = progress_of([ReadingGoal("three", 3), ReadingGoal("ten", 10)], papers)
    root = ET.fromstring(goals_svg(environment(), progress))
    assert "three 3 / 3 (100%)" in (root.find(f"{SVG}title").text or "")  # type: ignore[union-attr]
    fills = [r.get("fill") for r in root.iter(f"{SVG}rect") if r.get("class") != "goal-track"]
    assert fills == ["#d4a017", "#54aeff"]  # gold when done, light blue under a third
