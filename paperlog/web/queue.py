"""The to-read queue: papers with status `to-read`, in the order the user chose.

The order is kept in the papers themselves, as a `queue: N` front-matter key (smaller
first), so that it travels with the files and shows in any editor. Papers with no `queue`
key come after the ordered ones, oldest added first. Numbers are spaced by 10, so that
moving a paper usually writes one file (it takes a number between its new neighbours);
only when there is no room are the papers before it renumbered.
"""

from __future__ import annotations

import datetime as dt

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from paperlog.errors import InvalidValue, PaperNotFound
from paperlog.index import Filters
from paperlog.library import Library
from paperlog.model import Paper, Status
from paperlog.web.forms import read_form, text_field
from paperlog.web.freshness import fresh_library
from paperlog.web.rendering import is_htmx, render

QUEUE_KEY = "queue"
STEP = 10


def position_of(paper: Paper) -> int | None:
    value = paper.extra.get(QUEUE_KEY)
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


def to_read(library: Library) -> list[Paper]:
    """The queue in order: numbered papers by number, then the rest oldest first."""
    papers = list(library.index.papers(Filters(status=(Status.TO_READ,)), sort="added"))

    def order(paper: Paper) -> tuple[int, int, dt.date, str]:
        number = position_of(paper)
        added = paper.added or dt.date.min
        return (0 if number is not None else 1, number or 0, added, paper.key)

    return sorted(papers, key=order)


def move(library: Library, key: str, to: int) -> list[str]:
    """Move paper `key` to place `to` (0 = first) in the queue; the keys written."""
    papers = to_read(library)
    keys = [paper.key for paper in papers]
    if key not in keys:
        raise PaperNotFound(f"{key} (in the to-read queue)")
    to = max(0, min(to, len(papers) - 1))
    moved = papers.pop(keys.index(key))
    papers.insert(to, moved)
    numbers = [position_of(paper) for paper in papers]
    before = numbers[to - 1] if to > 0 else 0
    after = numbers[to + 1] if to + 1 < len(papers) else None
    prefix_numbered = all(n is not None for n in numbers[:to])
    if prefix_numbered and before is not None:
        if after is None:
            wanted = {to: before + STEP}
        elif after - before > 1:
            wanted = {to: (before + after) // 2}
        else:
            wanted = _renumbered(papers, to)
    else:
        wanted = _renumbered(papers, to)
    written = []
    for place, number in wanted.items():
        paper = papers[place]
        if position_of(paper) != number:
            library.update(paper.key, {QUEUE_KEY: number})
            written.append(paper.key)
    return written


def _renumbered(papers: list[Paper], upto: int) -> dict[int, int]:
    """Numbers 10, 20, ... for every paper up to `upto` and every numbered one after it."""
    last = max([upto, *[i for i, p in enumerate(papers) if position_of(p) is not None]])
    return {place: (place + 1) * STEP for place in range(last + 1)}


async def queue_page(request: Request) -> Response:
    library = fresh_library(request)
    name = "_queue_list.html" if request.headers.get("hx-target") == "queue-list" else "queue.html"
    reading = list(library.index.papers(Filters(status=(Status.READING,)), sort="added"))
    return render(request, name, {"papers": to_read(library), "reading": reading, "active": "queue"})


async def move_paper(request: Request) -> Response:
    library = fresh_library(request)
    form = await read_form(request)
    key = text_field(form, "key", limit=512)
    to_text = text_field(form, "to", limit=10).strip()
    if not to_text.lstrip("-").isdigit():
        raise InvalidValue("to", to_text, "a place in the queue (0 is the first)")
    move(library, key, max(0, int(to_text)))
    if is_htmx(request):
        return render(request, "_queue_list.html", {"papers": to_read(library)})
    return RedirectResponse("/queue", status_code=303)


routes = [
    Route("/queue", queue_page, name="queue"),
    Route("/queue/move", move_paper, methods=["POST"], name="queue_move"),
]
