"""The one Markdown renderer: notes to safe HTML, for the site, the web app and exports.

Notes are CommonMark with tables, strikethrough and TeX math (`$...$` inline, `$$...$$`
display, as Pandoc reads them). Math is not typeset here: it becomes
`<span class="math inline">` / `<div class="math display">` holding the escaped TeX,
which `paperlog/static/math.js` hands to the vendored KaTeX in the browser.

Raw HTML in notes is allowed by the parser and then sanitized with nh3 (ammonia): no
`<script>`, `<style>`, `<iframe>`, `<svg>` or forms, no event handlers, no `javascript:`
or `data:` URLs, and `class` kept only where the renderer itself puts it (math, code
languages). Images and tables are kept.

Relative image paths (`![](figures/fig1.png)`, `<img src="fig.png">`) are the caller's
to place: `image_base` is prefixed to them, or `image_url` maps each to a URL (the site
copies the file next to the page; the web app serves it from a route). `local_images`
lists them so that the caller can copy the files.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from contextvars import ContextVar
from functools import lru_cache
from typing import Any
from urllib.parse import quote, unquote

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.dollarmath import dollarmath_plugin

__all__ = ["is_local_path", "local_images", "render_notes"]

_TAGS = (set(nh3.ALLOWED_TAGS) | {"input"}) - {"map", "area"}
_ATTRIBUTES: dict[str, set[str]] = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "img": {"alt", "src", "title", "width", "height"},
    "a": {"href", "hreflang", "title"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "td": {"style", "colspan", "rowspan"},
    "code": {"class"},
    "pre": {"class"},
    "span": {"class"},
    "div": {"class"},
    "ol": {"start"},
    "input": {"type", "checked", "disabled"},
}
#: Classes the renderer itself writes; any other class in raw HTML is dropped.
_CLASSES = {
    "span": {"math", "inline", "display"},
    "div": {"math", "display"},
}
_LANGUAGE_CLASS = re.compile(r"language-[A-Za-z0-9_+#.-]{1,40}")
_SCHEMES = {"http", "https", "mailto"}
_DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "svg", "math", "template",
                      "noscript", "textarea", "select", "title"}
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def _math_inline(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    tex = html.escape(tokens[idx].content.strip(), quote=False)
    return f'<span class="math inline">{tex}</span>'


def _math_display(self: Any, tokens: list[Token], idx: int, options: Any, env: Any) -> str:
    tex = html.escape(tokens[idx].content.strip(), quote=False)
    if tokens[idx].block:
        return f'<div class="math display">{tex}</div>\n'
    return f'<span class="math display">{tex}</span>'  # `$$...$$` inside a paragraph


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    # Pandoc's rules: no space inside `$ ... $`, no digit right after the closing `$`,
    # so that "costs $5 and $10" stays text.
    dollarmath_plugin(md, allow_space=False, allow_digits=False, allow_labels=False,
                      double_inline=True)
    md.add_render_rule("math_inline", _math_inline)
    for rule in ("math_inline_double", "math_block", "math_block_label"):
        md.add_render_rule(rule, _math_display)
    return md


def is_local_path(url: str) -> bool:
    """True for a path relative to the note (`fig.png`, `../img/a.png`), not a URL."""
    url = url.strip()
    return bool(url) and not _SCHEME.match(url) and not url.startswith(("/", "#", "//", "?"))


def _images(tokens: list[Token]) -> list[Token]:
    found: list[Token] = []
    for token in tokens:
        if token.type == "image":
            found.append(token)
        if token.children:
            found.extend(_images(token.children))
    return found


_HTML_IMG = re.compile(r"""<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def local_images(text: str) -> list[str]:
    """Relative image paths in the notes, Markdown and raw `<img>` alike, in order, once each."""
    paths: list[str] = []
    for token in _images(_parser().parse(text)):
        src = str(token.attrGet("src") or "")
        if is_local_path(src):
            paths.append(unquote(src))
    for match in _HTML_IMG.finditer(text):
        src = html.unescape(next(g for g in match.groups() if g is not None))
        if is_local_path(src):
            paths.append(unquote(src))
    return list(dict.fromkeys(p.split("#")[0].split("?")[0] for p in paths))


def render_notes(
    text: str,
    *,
    image_base: str | None = None,
    image_url: Callable[[str], str | None] | None = None,
) -> str:
    """Notes (Markdown) -> sanitized HTML.

    `image_base` is put in front of relative image paths (`"../assets/"`); `image_url`
    maps a relative path (URL-unquoted, as written) to the URL to use instead, or None to
    leave it alone. Given both, `image_url` wins.
    """
    rendered = _parser().render(text)

    def rewrite(path: str) -> str:
        if image_url is not None:
            mapped = image_url(unquote(path))
            if mapped is not None:
                return mapped
        if image_base is not None:
            return image_base + path
        return path

    def keep(tag: str, attr: str, value: str) -> str | None:
        if attr == "class":
            if tag in ("code", "pre"):
                classes = [c for c in value.split() if _LANGUAGE_CLASS.fullmatch(c)]
            else:
                allowed = _CLASSES.get(tag, set())
                classes = [c for c in value.split() if c in allowed]
            return " ".join(classes) or None
        if tag == "img" and attr == "src" and is_local_path(value):
            return quote(rewrite(value), safe="/:%#?=&.-_~!$'()*+,;@")
        if tag == "input" and attr == "type" and value != "checkbox":
            return None
        return value

    # Without raw HTML ("<") or images ("!["), every attribute left in `rendered` was
    # written by the renderer itself, and the per-attribute callback (a call into Python
    # for each one) can be skipped.
    if "<" not in text and "![" not in text:
        return str(_cleaner(filtered=False).clean(rendered))
    token = _attribute_filter.set(keep)
    try:
        return str(_cleaner(filtered=True).clean(rendered))
    finally:
        _attribute_filter.reset(token)


# Building a sanitizer costs more than running it, so two are built once and reused; the
# filtering one calls whatever filter the current `render_notes` call has set.
_attribute_filter: ContextVar[Callable[[str, str, str], str | None]] = ContextVar("attribute_filter")


def _dispatch(tag: str, attr: str, value: str) -> str | None:
    return _attribute_filter.get()(tag, attr, value)


@lru_cache(maxsize=2)
def _cleaner(*, filtered: bool) -> Any:
    return nh3.Cleaner(
        tags=_TAGS,
        clean_content_tags=_DROP_WITH_CONTENT,
        attributes=_ATTRIBUTES,
        attribute_filter=_dispatch if filtered else None,
        url_schemes=_SCHEMES,
        strip_comments=True,
        link_rel="noopener noreferrer",
        filter_style_properties={"text-align"},
    )
