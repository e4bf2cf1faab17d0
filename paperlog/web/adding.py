"""Adding a paper: paste an id, URL or title to look it up, or fill in the form by hand.

Looking up goes through `paperlog.sources.resolve(library, text)` (in a worker thread:
it may wait on the network). When the sources fail, are offline with nothing cached, or
find several candidates, the page says so and offers the form, filled with whatever the
pasted text gave (an arXiv id, a DOI, a title), or the candidates to pick from.
Saving always goes through `Library.add`, which refuses a paper already in the library.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any

import anyio
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from paperlog.errors import AmbiguousMatch, DuplicatePaper, InvalidValue, NotCached, PaperlogError
from paperlog.ids import parse_identifier
from paperlog.library import Library
from paperlog.model import Paper, Status
from paperlog.web.forms import fields_from_form, form_values, read_form, text_field
from paperlog.web.freshness import fresh_library
from paperlog.web.paper import paper_url
from paperlog.web.rendering import is_htmx, render

if TYPE_CHECKING:
    from paperlog.sources.http import Fetcher

EMPTY = {
    "title": "", "authors": "", "year": "", "venue": "", "ids": "", "url": "", "pdf": "",
    "status": Status.TO_READ.value, "read_on": "", "topics": "", "tags": "", "rating": "",
    "notes": "", "abstract": "",
}


def values_of(paper: Paper) -> dict[str, Any]:
    """A paper as the add form's field values (to-read unless it says otherwise)."""
    values = {**EMPTY, **form_values(paper)}
    values["status"] = values["status"] or Status.TO_READ.value
    return values


def guessed_values(text: str) -> dict[str, Any]:
    """What the pasted text alone tells: an id to keep, or a title to start from."""
    ident = parse_identifier(text)
    values = dict(EMPTY)
    if ident.kind == "title":
        values["title"] = " ".join(text.split())
    elif ident.kind == "url":
        values["url"] = text.strip()
    else:
        values["ids"] = f"{ident.kind}: {ident.value}"
    return values


async def add_page(request: Request) -> Response:
    return render(request, "add.html", {"values": EMPTY, "active": "add"})


async def lookup(request: Request) -> Response:
    """Look the pasted text up; answer with the form filled in (or a message why not)."""
    library = fresh_library(request)
    form = await read_form(request)
    text = text_field(form, "text", limit=2000).strip()
    if not text:
        raise InvalidValue("text", text, "an arXiv id, DOI, URL or title to look up")
    context: dict[str, Any] = {"values": guessed_values(text), "text": text}
    from paperlog.sources import resolve

    try:
        fetcher = request.app.state.fetcher or _browser_fetcher(library)
        paper = await anyio.to_thread.run_sync(lambda: resolve(library, text, fetcher=fetcher))
    except DuplicatePaper as duplicate:
        context["duplicate"] = (duplicate.key, duplicate.reason)
    except AmbiguousMatch as ambiguous:
        context["message"] = f"{ambiguous} Pick one below, or fill in the form."
        context["candidates"] = [(line, _candidate_id(line)) for line in ambiguous.candidates]
    except NotCached:
        context["message"] = (
            "paperlog is offline and has not seen this paper before, so nothing was looked up. "
            "Fill in the form below instead."
        )
    except PaperlogError as error:
        context["message"] = f"Could not look it up ({error}). Fill in the form below instead."
    else:
        context["values"] = values_of(paper)
        context["found"] = True
    name = "_add_form.html" if is_htmx(request) else "add.html"
    return render(request, name, {**context, "active": "add"})


async def add(request: Request) -> Response:
    library = fresh_library(request)
    form = await read_form(request)
    fields = fields_from_form(form)
    if "title" not in fields:
        raise InvalidValue("title", "", "a title (every paper needs one)")
    notes = text_field(form, "notes", limit=2_000_000).replace("\r\n", "\n")
    abstract = text_field(form, "abstract", limit=100_000).strip()
    paper = Paper(**fields, notes=notes, extra={"abstract": abstract} if abstract else {})
    if paper.status is Status.READ and paper.read_on is None:  # as `paperlog add --status read`
        paper.read_on = dt.date.today()
    added = library.add(paper)
    url = paper_url(added.key)
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return Response(status_code=303, headers={"Location": url})


def _browser_fetcher(library: Library) -> Fetcher:
    """The library's fetcher (its cache, its settings), but quicker to give up: a person is
    watching a spinner, and can always fill in the form instead."""
    from paperlog.sources import fetcher_for

    fetcher = fetcher_for(library)
    fetcher.retries = min(fetcher.retries, 1)
    fetcher.max_wait = min(fetcher.max_wait, 5.0)
    return fetcher


def _candidate_id(line: str) -> str | None:
    """`Title (2017) [arxiv:1706.03762]` -> `arxiv:1706.03762`, to look up with one click."""
    match = re.search(r"\[([a-z0-9]+:[^\]\s]+)\]\s*$", line)
    return match.group(1) if match else None


routes = [
    Route("/add", add_page, name="add_page"),
    Route("/add", add, methods=["POST"], name="add"),
    Route("/add/lookup", lookup, methods=["POST"], name="lookup"),
]

