"""Reading what the browser sends: query strings and forms, into typed values.

Every value is checked with the model's own parsers (`parse_year`, `Status.parse`, ...),
so a bad one raises `InvalidValue`, which the app answers with a 400 naming the field,
before anything is written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from starlette.datastructures import FormData, QueryParams, UploadFile
from starlette.requests import Request

from paperlog.errors import InvalidValue
from paperlog.index import SORTS, Filters
from paperlog.model import (
    Paper,
    Status,
    normalize_topic,
    parse_rating,
    parse_read_date,
    parse_year,
    parse_year_range,
)
from paperlog.text import has_cjk

PAGE_SIZE = 50
#: Results a page when searching: each carries a snippet, and the best come first.
SEARCH_PAGE_SIZE = 25
MAX_QUERY = 500
#: The fields the edit form shows, in order; `notes` is edited beside them.
EDITABLE = ("title", "authors", "year", "venue", "ids", "url", "pdf", "status", "read_on",
            "topics", "tags", "rating")


@dataclass(frozen=True)
class ListQuery:
    """The library page's search box, filters, sort and page, as given in the URL."""

    q: str = ""
    status: tuple[str, ...] = ()
    topic: str = ""
    tag: str = ""
    year: str = ""
    sort: str = ""
    page: int = 1

    @property
    def filters(self) -> Filters:
        year_from, year_to = parse_year_range(self.year)
        return Filters(
            status=tuple(Status.parse(s) for s in self.status),
            topic=self.topic or None,
            tags=(self.tag,) if self.tag else (),
            year_from=year_from,
            year_to=year_to,
        )

    @property
    def page_size(self) -> int:
        return SEARCH_PAGE_SIZE if len(self.q) > 1 or has_cjk(self.q) else PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def sort_key(self) -> str | None:
        return self.sort or None

    def url(self, **changes: Any) -> str:
        """This query with some parts changed, as a query string for links."""
        from urllib.parse import urlencode

        values: dict[str, Any] = {
            "q": self.q, "status": list(self.status), "topic": self.topic, "tag": self.tag,
            "year": self.year, "sort": self.sort, "page": self.page if self.page > 1 else "",
        }
        values.update(changes)
        pairs = [(k, v) for k, v in values.items() if v not in ("", None, []) and (k, v) != ("page", 1)]
        flat = [(k, item) for k, v in pairs for item in (v if isinstance(v, list) else [v])]
        return "?" + urlencode(flat) if flat else "?"


def list_query(params: QueryParams) -> ListQuery:
    q = params.get("q", "").strip()
    if len(q) > MAX_QUERY:
        raise InvalidValue("q", q[:40] + "...", f"a search of at most {MAX_QUERY} characters")
    given = [part for value in params.getlist("status") for part in value.split(",") if part.strip()]
    statuses = tuple(Status.parse(part).value for part in given)
    sort = params.get("sort", "").strip()
    if sort and sort != "rank" and sort not in SORTS:
        raise InvalidValue("sort", sort, "one of rank, " + ", ".join(SORTS))
    page_text = params.get("page", "1").strip() or "1"
    if not page_text.isdigit() or not 1 <= int(page_text) <= 100_000:
        raise InvalidValue("page", page_text, "a page number from 1")
    query = ListQuery(
        q=q,
        status=statuses,
        topic=normalize_topic(params.get("topic", "")),
        tag=params.get("tag", "").strip(),
        year=params.get("year", "").strip(),
        sort=sort,
        page=int(page_text),
    )
    query.filters  # noqa: B018 - check the year range now, to answer 400 before searching
    return query


# -- forms --------------------------------------------------------------------------


async def read_form(request: Request) -> FormData:
    """The posted form; a body that is not a form is a 400, not a crash."""
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        raise InvalidValue("request body", content_type or "(none)", "a submitted form")
    try:
        return await request.form(max_files=0, max_fields=200)
    except Exception as error:  # multipart's own errors have no common base
        raise InvalidValue("form", type(error).__name__, "a well-formed form") from None


def text_field(
    form: FormData | Mapping[str, Any], name: str, *, default: str = "", limit: int = 2_000_000
) -> str:
    value = form.get(name, default)
    if isinstance(value, UploadFile) or not isinstance(value, str):
        raise InvalidValue(name, "(a file)", "text")
    if len(value) > limit:
        raise InvalidValue(name, value[:40] + "...", f"at most {limit} characters")
    return value


def split_list(text: str, *, separators: str = ",\n") -> list[str]:
    parts = re.split("[" + re.escape(separators) + "]", text)
    return [part.strip() for part in parts if part.strip()]


def parse_ids(text: str) -> dict[str, str]:
    """`arxiv: 1706.03762` lines -> {"arxiv": "1706.03762"}."""
    ids: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        kind, sep, value = line.partition(":")
        kind = kind.strip().lower()
        if not sep or not re.fullmatch(r"[a-z][a-z0-9_-]{0,30}", kind) or not value.strip():
            expected = "`kind: value`, e.g. `arxiv: 1706.03762`"
            raise InvalidValue(f"ids (line {number})", line.strip(), expected)
        ids[kind] = value.strip()
    return ids


def form_values(paper: Paper) -> dict[str, Any]:
    """A paper as the edit and add forms show it: the inverse of `fields_from_form`."""
    abstract = paper.extra.get("abstract")
    return {
        "title": paper.title,
        "authors": "\n".join(paper.authors),
        "year": paper.year or "",
        "venue": paper.venue or "",
        "ids": "\n".join(f"{k}: {v}" for k, v in paper.ids.items()),
        "url": paper.url or "",
        "pdf": paper.pdf or "",
        "status": paper.status.value if paper.status else "",
        "read_on": paper.read_on.isoformat() if paper.read_on else "",
        "topics": ", ".join(paper.topics),
        "tags": ", ".join(paper.tags),
        "rating": paper.rating or "",
        "notes": paper.notes,
        "abstract": abstract if isinstance(abstract, str) else "",
    }


def fields_from_form(form: FormData | Mapping[str, Any]) -> dict[str, Any]:
    """The edit / add form's fields as typed values (None for an emptied field).

    Only the fields the form holds: one it leaves out is left alone, never emptied.
    """
    def optional(name: str) -> str | None:
        return text_field(form, name, limit=10_000).strip() or None

    def listed(name: str, separators: str = ",\n") -> list[str]:
        return split_list(text_field(form, name, limit=50_000), separators=separators)

    readers: dict[str, Any] = {
        "title": lambda: _title(text_field(form, "title", limit=2_000)),
        "authors": lambda: listed("authors", ";\n"),
        "year": lambda: _maybe(optional("year"), parse_year),
        "venue": lambda: optional("venue"),
        "ids": lambda: parse_ids(text_field(form, "ids", limit=10_000)),
        "url": lambda: optional("url"),
        "pdf": lambda: optional("pdf"),
        "status": lambda: _maybe(optional("status"), Status.parse),
        "read_on": lambda: _maybe(optional("read_on"), parse_read_date),
        "topics": lambda: [normalize_topic(t) for t in listed("topics")],
        "tags": lambda: listed("tags"),
        "rating": lambda: _maybe(optional("rating"), parse_rating),
    }
    return {name: read() for name, read in readers.items() if name in form}


def _title(text: str) -> str:
    if not text.strip():
        raise InvalidValue("title", text, "a title (every paper needs one)")
    return " ".join(text.split())


def _maybe(text: str | None, parse: Any) -> Any:
    return parse(text) if text else None


def changed_fields(paper: Paper, fields: Mapping[str, Any]) -> dict[str, Any]:
    """Only the fields whose value differs from the paper's: the rest stay untouched."""
    current = {name: getattr(paper, name) for name in EDITABLE}
    changes: dict[str, Any] = {}
    for name, value in fields.items():
        old = current[name]
        if _empty(old) and _empty(value):
            continue
        if old != value:
            changes[name] = value if not _empty(value) else None
    return changes


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}
