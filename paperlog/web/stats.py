"""The stats page: how much is read, when, on what; and reading goals, when set.

Counts come from `Index.stats()`; goals from `paperlog.goals`, set here or with
`paperlog goal` (both write `[[goals]]` in paperlog.toml).
The plots are plain HTML bars sized here and drawn by the template.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from paperlog.errors import InvalidValue
from paperlog.model import normalize_topic, parse_date
from paperlog.web.forms import read_form, split_list, text_field
from paperlog.web.freshness import fresh_library
from paperlog.web.rendering import render

MONTHS_SHOWN = 24


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percent: float  # of the largest bar in its chart


def bars(counts: dict[Any, int], limit: int | None = None) -> list[Bar]:
    items = list(counts.items())[:limit]
    top = max((count for _, count in items), default=0) or 1
    return [Bar(str(label), count, round(100 * count / top, 1)) for label, count in items]


def last_months(by_month: dict[str, int], today: dt.date, months: int = MONTHS_SHOWN) -> dict[str, int]:
    """The last `months` months, oldest first, with zero for months with nothing read."""
    year, month = today.year, today.month
    keys = []
    for _ in range(months):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return {key: by_month.get(key, 0) for key in reversed(keys)}


async def stats_page(request: Request) -> Response:
    library = fresh_library(request)
    stats = library.index.stats()
    from paperlog.goals import goal_progress

    goals = goal_progress(library)
    today = dt.date.today()
    months = last_months(stats.by_month_read, today)
    if not any(months.values()) and stats.by_month_read:  # nothing lately: end at the last read
        latest = max(stats.by_month_read)
        months = last_months(stats.by_month_read, dt.date(int(latest[:4]), int(latest[5:7]), 1))
    context = {
        "stats": stats,
        "goals": goals,
        "months": bars(months),
        "read_in_window": sum(months.values()),
        "window": (next(iter(months)), next(reversed(months))),
        "statuses": bars(stats.by_status),
        "topics": bars(stats.by_topic, 15),
        "tags": bars(stats.by_tag, 15),
        "years": bars(dict(sorted(stats.by_year.items())), None),
        "active": "stats",
    }
    return render(request, "stats.html", context)


async def add_goal(request: Request) -> Response:
    """`paperlog goal add` in the browser: a goal written to paperlog.toml."""
    from paperlog.goals import ReadingGoal
    from paperlog.goals import add_goal as write_goal

    library = fresh_library(request)
    form = await read_form(request)
    target_text = text_field(form, "target", limit=10).strip()
    if not target_text.isdigit():
        raise InvalidValue("target", target_text, "a number of papers, such as 50")
    since, until = (text_field(form, name, limit=20).strip() for name in ("since", "until"))
    goal = ReadingGoal(
        name=" ".join(text_field(form, "name", limit=200).split()),
        target=int(target_text),
        since=parse_date(since, "since") if since else None,
        until=parse_date(until, "until") if until else None,
        topics=tuple(normalize_topic(t) for t in split_list(text_field(form, "topics", limit=2000))),
    )
    write_goal(library, goal)
    return RedirectResponse("/stats", status_code=303)


async def remove_goal(request: Request) -> Response:
    from paperlog.goals import remove_goal as drop_goal

    library = fresh_library(request)
    form = await read_form(request)
    drop_goal(library, text_field(form, "name", limit=200))
    return RedirectResponse("/stats", status_code=303)


routes = [
    Route("/stats", stats_page, name="stats"),
    Route("/goals", add_goal, methods=["POST"], name="add_goal"),
    Route("/goals/remove", remove_goal, methods=["POST"], name="remove_goal"),
]
