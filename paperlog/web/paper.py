"""One paper: its page, the editor with live preview, status and tag buttons, conflicts.

Every form carries the hash of the file as the page read it (`expected_hash`); the
library refuses to write over a file that has changed since (`WriteConflict`), and the
conflict page shows both versions, the one on disk and the user's, so nothing is lost.
Writes go through `Library.update` (fields) and `Library.set_notes` (notes), which touch
only what changed. A paper whose file does not load gets the whole-file editor of
`source` as its page instead.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any
from urllib.parse import quote

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from paperlog.errors import InvalidValue, PaperFileError, PaperNotFound, WriteConflict
from paperlog.library import Library, Loaded, content_hash
from paperlog.model import Status
from paperlog.web.forms import (
    changed_fields,
    fields_from_form,
    form_values,
    read_form,
    split_list,
    text_field,
)
from paperlog.web.freshness import fresh_library
from paperlog.web.rendering import (
    id_url,
    image_route,
    is_htmx,
    notes_html,
    render,
    render_markdown,
    safe_link,
)
from paperlog.web.security import safe_key

MAX_NOTES = 2_000_000


def paper_key(request: Request) -> str:
    """The paper key in the URL, refused (404) if it could name a file outside `papers/`."""
    key = str(request.path_params["key"])
    if not safe_key(key):
        raise PaperNotFound(key)
    return key


def redirect_after_write(request: Request, url: str) -> Response:
    """After a write: a plain 303 for forms, HX-Redirect for htmx."""
    if is_htmx(request):
        return Response(status_code=204, headers={"HX-Redirect": url})
    return RedirectResponse(url, status_code=303)


def paper_url(key: str) -> str:
    return "/paper/" + quote(key)


async def paper_page(request: Request) -> Response:
    key = paper_key(request)
    library = fresh_library(request)
    try:
        loaded = library.load(key)
    except PaperFileError as error:
        from paperlog.web.source import broken_page  # source.py builds on this module

        return broken_page(request, library, key, error)
    paper = loaded.paper
    links = [(kind, value, id_url(kind, value)) for kind, value in paper.ids.items()]
    context: dict[str, Any] = {
        "paper": paper,
        "hash": loaded.hash,
        "path": library.relative(loaded.path),
        "notes": notes_html(library, paper),
        "links": links,
        "url": safe_link(paper.url),
        "pdf": _pdf_link(paper.pdf),
        "extra": {k: v for k, v in paper.extra.items() if k not in {"abstract", "queue"}},
        "abstract": paper.extra.get("abstract") if isinstance(paper.extra.get("abstract"), str) else None,
        "active": "library",
    }
    return render(request, "paper.html", context)


async def edit_page(request: Request) -> Response:
    key = paper_key(request)
    loaded = fresh_library(request).load(key)
    return render(request, "edit.html", _edit_context(loaded, loaded.hash))


def _edit_context(loaded: Loaded, expected_hash: str) -> dict[str, Any]:
    paper = loaded.paper
    values = form_values(paper)
    return {"paper": paper, "hash": expected_hash, "values": values, "active": "library"}


async def posted_edit(request: Request, page: str) -> tuple[str, Library, FormData, str]:
    """A posted editor's paper key, library, form, and the hash of the file `page` showed."""
    key = paper_key(request)
    library = fresh_library(request)
    form = await read_form(request)
    expected = text_field(form, "expected_hash", limit=128)
    if not expected:
        raise InvalidValue("expected_hash", expected, f"the hash {page} was loaded with")
    return key, library, form, expected


async def save(request: Request) -> Response:
    """Save the edit form: changed fields, then the notes, each refused on a conflict."""
    key, library, form, expected = await posted_edit(request, "the edit page")
    notes = text_field(form, "notes", limit=MAX_NOTES) if "notes" in form else None
    fields = fields_from_form(form)  # raises on a bad value: nothing written
    loaded = library.load(key)
    try:
        if loaded.hash != expected:
            raise WriteConflict(loaded.path, loaded.text)
        changes = changed_fields(loaded.paper, fields)
        if changes.get("status") is Status.READ and not fields.get("read_on"):
            changes.setdefault("read_on", loaded.paper.read_on or dt.date.today())
            if changes["read_on"] == loaded.paper.read_on:
                del changes["read_on"]
        if changes:
            library.update(key, changes, expected_hash=expected)
            expected = library.load(key).hash
        if notes is not None:
            library.set_notes(key, notes, expected_hash=expected)
    except WriteConflict as conflict:
        return _conflict(
            request, library, key, conflict, notes=notes, form=form, action="save the fields"
        )
    return redirect_after_write(request, paper_url(key))


async def set_status(request: Request) -> Response:
    key = paper_key(request)
    library = fresh_library(request)
    form = await read_form(request)
    status = Status.parse(text_field(form, "status", limit=40))
    expected = text_field(form, "expected_hash", limit=128) or None
    changes: dict[str, Any] = {"status": status}
    if status is Status.READ and library.load(key).paper.read_on is None:
        changes["read_on"] = dt.date.today()
    try:
        library.update(key, changes, expected_hash=expected)
    except WriteConflict as conflict:
        return _conflict(request, library, key, conflict, action=f"set the status to {status.value}")
    return redirect_after_write(request, paper_url(key))


async def set_tags(request: Request) -> Response:
    """Add the tags in `add` (comma-separated) and remove the one in `remove`."""
    key = paper_key(request)
    library = fresh_library(request)
    form = await read_form(request)
    add = split_list(text_field(form, "add", limit=2000))
    remove = text_field(form, "remove", limit=200).strip()
    expected = text_field(form, "expected_hash", limit=128) or None
    current = library.load(key).paper.tags
    wanted = [t for t in current if t != remove] + [t for t in add if t not in current]
    wanted = list(dict.fromkeys(wanted))
    if wanted != current:
        try:
            library.update(key, {"tags": wanted or None}, expected_hash=expected)
        except WriteConflict as conflict:
            return _conflict(request, library, key, conflict, action="change the tags")
    return redirect_after_write(request, paper_url(key))


async def preview(request: Request) -> Response:
    """The notes as they will look, for the editor's live preview."""
    library = fresh_library(request)
    form = await read_form(request)
    key = text_field(form, "key", limit=512)
    if not safe_key(key):
        raise InvalidValue("key", key, "a paper key")
    html = render_markdown(library, text_field(form, "notes", limit=MAX_NOTES), key)
    return render(request, "_notes.html", {"notes": html})


async def changed(request: Request) -> Response:
    """Polled by an open page: 204 while the file is as the page read it."""
    key = paper_key(request)
    library: Library = request.app.state.library
    seen = request.query_params.get("hash", "")
    mode = request.query_params.get("mode", "view")
    path = library.path_for(key)
    try:  # bytes, as the library reads them: CRLF files hash as they are
        text = path.read_bytes().decode("utf-8", errors="replace")
    except FileNotFoundError:
        raise PaperNotFound(key) from None
    if content_hash(text) == seen:
        return Response(status_code=204)
    if mode == "view":
        return Response(status_code=200, headers={"HX-Refresh": "true"})
    reopen = paper_url(key) + ("/source" if mode == "source" else "/edit")
    return render(request, "_changed.html", {"reopen": reopen})


def _conflict(
    request: Request,
    library: Library,
    key: str,
    conflict: WriteConflict,
    *,
    notes: str | None = None,
    form: FormData | None = None,
    action: str | None = None,
) -> Response:
    """409: the file on disk and what the user sent, side by side, nothing dropped."""
    theirs_text = conflict.current
    try:
        theirs = library.parse(theirs_text, library.path_for(key))
        theirs_notes = theirs.notes
    except PaperFileError:
        theirs_notes = theirs_text
    context: dict[str, Any] = {
        "key": key,
        "path": library.relative(library.path_for(key)),
        "theirs_text": theirs_text,
        "theirs_hash": content_hash(theirs_text),
        "yours_notes": notes,
        "action": action,
        "active": "library",
    }
    if notes is not None:
        yours = notes.replace("\r\n", "\n")
        context["diff"] = list(
            difflib.unified_diff(
                theirs_notes.splitlines(), yours.splitlines(), "on disk", "yours", lineterm="", n=2
            )
        )
        fields = {k: v for k, v in (form or {}).items() if isinstance(v, str)}
        context["yours_fields"] = {
            k: fields.get(k, "") for k in ("title", "authors", "year", "venue", "ids", "url", "pdf",
                                           "status", "read_on", "topics", "tags", "rating")
        }
    return render(request, "conflict.html", context, status_code=409)


def _pdf_link(pdf: str | None) -> str | None:
    """An http(s) PDF as is; a path (relative to the library folder) through /files/."""
    if not pdf:
        return None
    return safe_link(pdf) or image_route("", pdf)


routes = [
    Route("/paper/{key:path}/edit", edit_page, name="edit"),
    Route("/paper/{key:path}/save", save, methods=["POST"], name="save"),
    Route("/paper/{key:path}/status", set_status, methods=["POST"], name="status"),
    Route("/paper/{key:path}/tags", set_tags, methods=["POST"], name="tags"),
    Route("/paper/{key:path}/changed", changed, name="changed"),
    Route("/paper/{key:path}", paper_page, name="paper"),
    Route("/preview", preview, methods=["POST"], name="preview"),
]
