"""Turning library objects into pages: the template environment, its filters, errors.

HTML is written in `templates/`; this module only prepares values for them (snippet
segments to highlight, identifier links, rendered notes) and maps the library's errors
to HTTP statuses.
"""

from __future__ import annotations

import posixpath
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from paperlog import __version__
from paperlog.errors import (
    AmbiguousPaper,
    DuplicatePaper,
    FieldError,
    InvalidValue,
    PaperFileError,
    PaperlogError,
    PaperNotFound,
    WriteConflict,
)
from paperlog.ids import canonical_url
from paperlog.library import Library
from paperlog.model import Paper, Status
from paperlog.snippets import Snippet

TEMPLATES = Path(__file__).parent / "templates"
STATUSES = tuple(status.value for status in Status)

#: HTTP status for each error the library raises on purpose (first match wins).
STATUS_FOR: tuple[tuple[type[PaperlogError], int], ...] = (
    (PaperNotFound, 404),
    (WriteConflict, 409),
    (DuplicatePaper, 409),
    (AmbiguousPaper, 400),
    (FieldError, 422),
    (PaperFileError, 422),
    (InvalidValue, 400),
    (PaperlogError, 400),
)


def templates_for(library: Library) -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["version"] = __version__
    env.globals["STATUSES"] = STATUSES
    env.globals["library_name"] = library.config.library.name
    env.filters["authors_short"] = authors_short
    env.filters["segments"] = segments
    env.filters["id_url"] = id_url
    env.filters["field_value"] = field_value
    env.filters["urlencode"] = url_path  # paths and query values; faster than Jinja's own
    return Jinja2Templates(env=env)


def render(
    request: Request, name: str, context: dict[str, Any], status_code: int = 200
) -> Response:
    """Render a template with what every page needs (the CSRF token, htmx or not)."""
    base = {
        "csrf_token": getattr(request.state, "csrf_token", ""),
        "htmx": is_htmx(request),
    }
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status_code)


def is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


def status_for(error: PaperlogError) -> int:
    return next(code for kind, code in STATUS_FOR if isinstance(error, kind))


def error_page(
    request: Request, status: int, message: str, headers: dict[str, str] | None = None
) -> Response:
    """A 4xx page (or, for htmx, a fragment swapped where the answer was expected)."""
    name = "_error.html" if is_htmx(request) else "error.html"
    response = render(request, name, {"status": status, "message": message}, status)
    if headers:
        for header, value in headers.items():
            response.headers[header] = value
    return response


# -- filters ------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def url_path(text: object) -> str:
    """Percent-encode for a URL path or query value, keeping `/` (paper keys have folders)."""
    return quote(str(text), safe="/")


def field_value(value: object) -> str:
    """A front-matter value the app has no form for, as a person would write it."""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {field_value(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(field_value(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return "" if value is None else str(value)


def authors_short(paper: Paper, most: int = 3) -> str:
    if not paper.authors:
        return ""
    shown = ", ".join(paper.authors[:most])
    return shown + (" et al." if len(paper.authors) > most else "")


def segments(snippet: Snippet | None) -> list[tuple[str, bool, bool]]:
    """A snippet as (text, matched, formula) pieces: the template wraps matched ones in
    <mark> and formulas in a math span for KaTeX (a formula holding a match is marked whole,
    since KaTeX replaces what is inside it)."""
    if snippet is None:
        return []
    out: list[tuple[str, bool, bool]] = []
    last = 0
    for start, end in [*snippet.math, (len(snippet.text), len(snippet.text))]:
        out += _marked(snippet, last, start)
        if start < end:
            matched = any(a < end and b > start for a, b in snippet.spans)
            out.append((snippet.text[start:end], matched, True))
        last = end
    return out


def _marked(snippet: Snippet, low: int, high: int) -> list[tuple[str, bool, bool]]:
    """The text of `snippet` from `low` to `high` (no formula in it) as marked pieces."""
    out: list[tuple[str, bool, bool]] = []
    last = low
    for start, end in snippet.spans:
        start, end = max(start, low), min(end, high)
        if start < last or start >= end:  # overlapping spans: keep the first
            continue
        if start > last:
            out.append((snippet.text[last:start], False, False))
        out.append((snippet.text[start:end], True, False))
        last = end
    if last < high:
        out.append((snippet.text[last:high], False, False))
    return out


def id_url(kind: str, value: str) -> str | None:
    """The page for an identifier, only ever http(s) (never `javascript:` from a file)."""
    url = canonical_url(kind, value)
    return url if url and url.startswith(("https://", "http://")) else None


def safe_link(url: str | None) -> str | None:
    """A URL from front matter, kept only if it is http(s)."""
    if url and url.strip().lower().startswith(("https://", "http://")):
        return url.strip()
    return None


def notes_html(library: Library, paper: Paper) -> Markup:
    """The paper's notes as sanitized HTML, through the one shared Markdown renderer."""
    return render_markdown(library, paper.notes, paper.key)


def render_markdown(library: Library, text: str, key: str) -> Markup:
    from paperlog.markdown import render_notes

    folder = posixpath.dirname(posixpath.join(library.config.library.papers_dir, key))
    return Markup(render_notes(text, image_url=lambda path: image_route(folder, path)))


def image_route(folder: str, path: str) -> str | None:
    """`fig.png` in a note of `papers/` -> `/files/papers/fig.png`; None if it leaves the library."""
    joined = posixpath.normpath(posixpath.join(folder, path.split("#")[0].split("?")[0]))
    if joined.startswith(("../", "/")) or joined in {"..", "."}:
        return None
    return "/files/" + quote(joined)
