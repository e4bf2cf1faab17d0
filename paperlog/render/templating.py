"""The Jinja2 environment every renderer uses, and the filters its templates share.

Templates are looked up first in the library's own `templates/` folder, then in
`paperlog/render/templates/`: a user overrides `readme.md.j2` (or any site page) by
copying it into their library and editing it. HTML and SVG templates are autoescaped;
Markdown templates use the `md` filter to escape text that would otherwise be read as
Markdown.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import jinja2

from paperlog.ids import canonical_url
from paperlog.model import Paper, Status

__all__ = ["STATUS_LABELS", "environment", "md_escape", "md_url", "paper_url", "web_url"]

#: How a status reads in generated Markdown and HTML.
STATUS_LABELS = {
    Status.READ: "✅ read",
    Status.READING: "📖 reading",
    Status.TO_READ: "📌 to read",
    Status.DROPPED: "✖ dropped",
}

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~$])")


def md_escape(text: object) -> str:
    """Text that GitHub will show as written, not as Markdown (`a*b` stays `a*b`)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def md_url(url: str) -> str:
    """A link destination: in `<...>` when it holds spaces or brackets."""
    if re.search(r"[\s()<>]", url):
        return "<" + url.replace("<", "%3C").replace(">", "%3E") + ">"
    return url


def web_url(url: str | None) -> str | None:
    """`url` if it is an http(s) address; None for anything else (`javascript:`, paths)."""
    if url and re.match(r"https?://", url.strip(), re.IGNORECASE):
        return url.strip()
    return None


def paper_url(paper: Paper) -> str | None:
    """Where the paper itself is read: its `url`, else the page of its first known id.

    Only http(s) addresses: a `url: javascript:...` in a paper file must not become a link.
    """
    if web_url(paper.url):
        return web_url(paper.url)
    for kind in ("arxiv", "doi", "openreview", "acl", "pmlr", "pmid", "dblp", "s2"):
        if kind in paper.ids:
            return canonical_url(kind, paper.ids[kind])
    return None


def status_label(status: Status | None) -> str:
    return STATUS_LABELS.get(status, "") if status else ""


@lru_cache(maxsize=8)
def _package_loader() -> jinja2.BaseLoader:
    return jinja2.FileSystemLoader(str(Path(__file__).parent / "templates"))


def environment(library_root: Path | None = None) -> jinja2.Environment:
    """The environment for one library (its `templates/` first, then paperlog's)."""
    loaders: list[jinja2.BaseLoader] = []
    if library_root is not None and (library_root / "templates").is_dir():
        loaders.append(jinja2.FileSystemLoader(str(library_root / "templates")))
    loaders.append(_package_loader())
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=("html", "svg", "xml", "html.j2", "svg.j2"),
            default_for_string=False,
            default=False,
        ),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["md"] = md_escape
    env.filters["md_url"] = md_url
    env.filters["status_label"] = status_label
    env.globals["paper_url"] = paper_url
    return env
