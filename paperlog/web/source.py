"""A paper's whole file as text: the raw editor, and how a file that does not load is mended.

A paper file whose front matter does not load (broken YAML, a bad date, an unknown
status, no title) has no fields to fill the form editor with, so its page is this
editor: the file's text, front matter and notes, with the error and the lines around
it. Healthy papers offer the same editor, for changes the form cannot make.

Saving goes through `Library.write_text`: the whole file is written atomically, and only
if the new text loads as a paper and the file is still what the page read (the form's
`expected_hash`). Otherwise nothing is written and the editor comes back with the text
as the user typed it, and the error (422) or the version now on disk beside it (409).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from paperlog.errors import PaperFileError, WriteConflict
from paperlog.library import Library, content_hash
from paperlog.web.forms import text_field
from paperlog.web.freshness import fresh_library
from paperlog.web.paper import MAX_NOTES, paper_key, paper_url, posted_edit, redirect_after_write
from paperlog.web.rendering import render

#: The largest file text accepted: the notes' limit, with room for the front matter.
MAX_TEXT = MAX_NOTES + 100_000
#: Lines shown either side of the line an error names.
AROUND = 2


async def source_page(request: Request) -> Response:
    key = paper_key(request)
    library = fresh_library(request)
    path, text = library.read_text(key)  # not UTF-8: a 422 page; the browser cannot edit it
    error = load_error(library, path, text)
    return editor(request, library, key, text, expected_hash=content_hash(text), error=error)


def broken_page(request: Request, library: Library, key: str, error: PaperFileError) -> Response:
    """The page of a paper whose file does not load: the editor to mend it, with the error."""
    try:
        _, text = library.read_text(key)
    except PaperFileError:  # not UTF-8 text: show what can be shown, to fix elsewhere
        raw = library.path_for(key).read_bytes().decode("utf-8", "replace")
        context = {"key": key, "message": str(error), "text": raw, "hash": content_hash(raw)}
        return render(request, "broken.html", context, status_code=422)
    return editor(
        request, library, key, text, expected_hash=content_hash(text), error=error, status_code=422
    )


async def save_source(request: Request) -> Response:
    """Replace the whole file with the posted text, if it loads and the file is unchanged."""
    key, library, form, expected = await posted_edit(request, "the editor")
    typed = text_field(form, "text", limit=MAX_TEXT)
    text = typed.replace("\r\n", "\n")
    try:
        _, current = library.read_text(key)
        text = same_line_ends(typed, current)
        library.write_text(key, text, expected_hash=expected)
    except WriteConflict as conflict:
        theirs = conflict.current
        return editor(
            request, library, key, text,
            expected_hash=content_hash(theirs), theirs=theirs, unsaved=True, status_code=409,
        )
    except PaperFileError as error:
        return editor(
            request, library, key, text,
            expected_hash=expected, error=error, unsaved=True, status_code=422,
        )
    return redirect_after_write(request, paper_url(key))


def editor(
    request: Request,
    library: Library,
    key: str,
    text: str,
    *,
    expected_hash: str,
    error: PaperFileError | None = None,
    theirs: str | None = None,
    unsaved: bool = False,
    status_code: int = 200,
) -> Response:
    """The raw editor holding `text`. `unsaved`: the text is the user's, not the file's."""
    context: dict[str, Any] = {
        "key": key,
        "path": library.relative(library.path_for(key)),
        "text": text,
        "hash": expected_hash,
        "error": error,
        "excerpt": excerpt(text, error.line) if error is not None and error.line else [],
        "theirs": theirs,
        "unsaved": unsaved,
        # a broken paper's page is this editor: leaving it goes back to the library
        "back": "/" if _is_broken(library, key) else paper_url(key),
        "active": "library",
    }
    return render(request, "source.html", context, status_code=status_code)


def load_error(library: Library, path: Path, text: str) -> PaperFileError | None:
    """Why `text` does not load as the paper at `path`, or None when it does."""
    try:
        library.parse(text, path)
    except PaperFileError as error:
        return error
    return None


def _is_broken(library: Library, key: str) -> bool:
    try:
        library.load(key)
    except PaperFileError:
        return True
    return False


def excerpt(text: str, line: int) -> list[tuple[int, str, bool]]:
    """(number, text, is it the one) for the lines around `line`; an error past the last
    line (front matter never closed) points at an empty line after it."""
    lines = text.splitlines()
    if line > len(lines):
        lines.append("")
    first, last = max(1, line - AROUND), min(len(lines), line + AROUND)
    return [(number, lines[number - 1], number == line) for number in range(first, last + 1)]


def same_line_ends(typed: str, current: str) -> str:
    """Browsers send a textarea's lines ending in CRLF: end them as the file on disk does,
    so that saving changes only the lines the user changed."""
    text = typed.replace("\r\n", "\n")
    first_line = current.split("\n", 1)[0]
    return text.replace("\n", "\r\n") if first_line.endswith("\r") else text


routes = [
    Route("/paper/{key:path}/source", source_page, methods=["GET"], name="source"),
    Route("/paper/{key:path}/source", save_source, methods=["POST"], name="save_source"),
]
