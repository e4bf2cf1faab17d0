"""`paperlog render log`: a dated reading log, newest first, to-read list on top."""

from __future__ import annotations

import re
from collections.abc import Callable

from typer.testing import CliRunner

from paperlog.cli import app
from paperlog.library import Library
from paperlog.render.log import LogPeriod, render_log, write_log

runner = CliRunner()


def test_render_log_weekly_golden(render_library: Library, golden: Callable[[str, str], None]) -> None:
    golden("log_week.md", render_log(render_library, notes_lines=1))


def test_render_log_monthly_golden(render_library: Library, golden: Callable[[str, str], None]) -> None:
    golden("log_month.md", render_log(render_library, period=LogPeriod.month))


def test_render_log_is_newest_first_with_pending_on_top(render_library: Library) -> None:
    text = render_log(render_library)
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings[0] == "To read (2)"
    dates = re.findall(r"^- \*\*(\d{4}-\d{2}-\d{2})\*\*", text, re.M)
    assert dates == sorted(dates, reverse=True)
    assert len(dates) == 5  # four read and one dropped paper have a date


def test_render_log_cli_prints_or_writes(render_library: Library) -> None:
    result = runner.invoke(app, ["-L", str(render_library.root), "render", "log", "--period", "month"])
    assert result.exit_code == 0, result.output
    assert "## March 2024 · 2 papers" in result.output
    result = runner.invoke(app, ["-L", str(render_library.root), "render", "log", "-o", "LOG.md"])
    assert result.exit_code == 0, result.output
    log = render_library.root / "LOG.md"
    assert "## Week 9 of 2024 (Feb 26 – Mar 3) · 1 paper" in log.read_text("utf-8")
    assert write_log(render_library, log) is False
