"""The library page: search as you type, filters (status, topic tree, tag, year), sort, pages.

`GET /` renders the whole page; the same URL asked by htmx for `#results` renders only
the result list, so typing in the search box, clicking a filter and paging all share one
route and leave a URL that can be bookmarked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from paperlog.index import SORTS, Index, Results
from paperlog.text import has_cjk
from paperlog.web.forms import ListQuery, list_query
from paperlog.web.freshness import fresh_library
from paperlog.web.rendering import render


@dataclass(frozen=True)
class Facets:
    """What the filter column offers; cached until the index changes."""

    topics: list[tuple[str, str, int, int]]  # (topic, last part, depth, count)
    tags: list[tuple[str, int]]
    years: list[tuple[int, int]]
    statuses: dict[str, int]


_facet_cache: dict[int, tuple[tuple[int, int], Facets]] = {}


def facets(index: Index) -> Facets:
    """Topic tree, tags, years and status counts, recomputed only when the index changed."""
    version = (id(index.db), index.db.total_changes)  # a rebuild opens a new connection
    cached = _facet_cache.get(id(index))
    if cached is not None and cached[0] == version:
        return cached[1]
    stats = index.stats()
    topics = [
        (topic, topic.rsplit("/", 1)[-1], topic.count("/"), count)
        for topic, count in index.topics().items()
    ]
    result = Facets(
        topics=topics,
        tags=list(stats.by_tag.items())[:60],
        years=sorted(stats.by_year.items(), reverse=True),
        statuses=stats.by_status,
    )
    _facet_cache[id(index)] = (version, result)
    return result


def completes_last_word(query: str) -> bool:
    """Match the word being typed as a prefix, once it has two letters (or is Chinese).

    A one-letter prefix (`a*`) matches nearly every paper and only costs time: the
    results for it are no better than for the whole word `a`.
    """
    words = query.split()
    if not words or query.endswith((" ", '"')):
        return False
    last = words[-1].strip('"()')
    return len(last) >= 2 or has_cjk(last)


def run_search(index: Index, query: ListQuery) -> tuple[Results, bool]:
    """One page of results for `query`, and whether it was too short to search yet.

    One Latin letter typed so far matches nearly every paper, slowly and uselessly: the
    list stays as it is until the second letter comes.
    """
    too_short = len(query.q) == 1 and not has_cjk(query.q)
    results = index.search(
        "" if too_short else query.q,
        query.filters,
        prefix_last=completes_last_word(query.q),
        sort=None if too_short and query.sort == "rank" else query.sort_key,
        limit=query.page_size,
        offset=query.offset,
    )
    return results, too_short


async def library_page(request: Request) -> Response:
    library = fresh_library(request)
    query = list_query(request.query_params)
    offset = query.offset
    results, too_short = run_search(library.index, query)
    pages = max(1, -(-results.total // query.page_size))
    context: dict[str, Any] = {
        "query": query,
        "results": results,
        "offset": offset,
        "pages": pages,
        "sorts": ["rank", *SORTS] if query.q else list(SORTS),
        "errors": library.index.broken_files(),
        "too_short": too_short,
    }
    if request.headers.get("hx-target") == "results":
        return render(request, "_results.html", context)
    context["facets"] = facets(library.index)
    return render(request, "library.html", context)


routes = [Route("/", library_page, name="library")]
