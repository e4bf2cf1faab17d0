"""The trash: moving a paper out of the library and bringing it back (`paperlog rm` and
`paperlog restore` in the browser).

Trashed files go to `.paperlog/trash/` (`Library.trash`); nothing is deleted, so there is
no "are you sure?": the trash page offers to restore what was just moved.
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from paperlog.errors import PaperNotFound
from paperlog.web.forms import read_form, text_field
from paperlog.web.freshness import fresh_library
from paperlog.web.paper import paper_key, paper_url
from paperlog.web.rendering import render
from paperlog.web.security import safe_key


async def trash_page(request: Request) -> Response:
    library = fresh_library(request)
    moved = request.query_params.get("moved", "")
    context = {"trashed": library.trashed(), "moved": moved if safe_key(moved) else "", "active": "trash"}
    return render(request, "trash.html", context)


async def move_to_trash(request: Request) -> Response:
    key = paper_key(request)
    library = fresh_library(request)
    await read_form(request)  # a form post like every other write (the CSRF token is in it)
    library.trash(key)
    trashed = library.trashed()
    name = next((t for t in reversed(trashed) if t == key or t.startswith(f"{key}.")), key)
    return RedirectResponse(f"/trash?moved={quote(name)}", status_code=303)


async def restore(request: Request) -> Response:
    library = fresh_library(request)
    form = await read_form(request)
    name = text_field(form, "key", limit=512)
    if not safe_key(name):
        raise PaperNotFound(name, in_trash=True)
    key = library.restore(name)
    return RedirectResponse(paper_url(key), status_code=303)


routes = [
    Route("/trash", trash_page, name="trash"),
    Route("/trash/restore", restore, methods=["POST"], name="restore"),
    Route("/paper/{key:path}/trash", move_to_trash, methods=["POST"], name="move_to_trash"),
]
