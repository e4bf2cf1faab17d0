"""Downloads in citation formats (`paperlog export` in the browser): the papers the
library page shows (its search and filters, every page), or one paper.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from paperlog.errors import InvalidValue, PaperNotFound
from paperlog.export import FORMATS, export_papers
from paperlog.model import Paper
from paperlog.web.forms import list_query
from paperlog.web.freshness import fresh_library
from paperlog.web.search import completes_last_word
from paperlog.web.security import safe_key

#: Format -> (file name, media type).
FILES = {
    "bibtex": ("papers.bib", "application/x-bibtex; charset=utf-8"),
    "csl-json": ("papers.json", "application/json; charset=utf-8"),
    "ris": ("papers.ris", "application/x-research-info-systems; charset=utf-8"),
}


async def export(request: Request) -> Response:
    format = str(request.path_params["format"])
    if format not in FORMATS or format not in FILES:
        raise InvalidValue("format", format, "one of " + ", ".join(FILES))
    library = fresh_library(request)
    key = request.query_params.get("key")
    papers: list[Paper]
    if key is not None:
        if not safe_key(key):
            raise PaperNotFound(key)
        papers = [library.load(key).paper]
        name = key.rsplit("/", 1)[-1] + "." + FILES[format][0].rsplit(".", 1)[1]
    else:
        query = list_query(request.query_params)
        if query.q:
            hits = library.index.search(
                query.q, query.filters, prefix_last=completes_last_word(query.q),
                sort=query.sort_key, limit=None, snippets=False,
            ).hits
            papers = [hit.paper for hit in hits]
        else:
            papers = list(library.index.papers(query.filters, sort="key"))
        name = FILES[format][0]
    text = export_papers(papers, format)
    return Response(
        text,
        media_type=FILES[format][1],
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )


routes = [Route("/export/{format}", export, name="export")]
