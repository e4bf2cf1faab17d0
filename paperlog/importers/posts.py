"""Notebooks kept as blog posts: their front matter, and a post about one paper.

Jekyll and Hugo posts open with front matter (`---` YAML or `+++` TOML): `read_front_matter`
reads it, `parse_with_toml_front_matter` lets the parser see Hugo's as front matter. A file
that names no list of papers may hold the notes of one (`single_paper`: its title from the
front matter or its one `#` heading), and the front matter of such a post says the paper's
ids, year, venue, authors, tags and read date (`apply_front_matter`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

import yaml

from paperlog.importers.dates import read_date
from paperlog.importers.drafts import Context, Draft
from paperlog.importers.head import read_head
from paperlog.importers.markdown import Block, Outline, parse
from paperlog.importers.titles import title_like

if TYPE_CHECKING:
    from paperlog.importers.classify import Walker


def single_paper(outline: object, walker: Walker) -> Draft | None:
    """A file that holds the notes of one paper: its title from front matter or heading."""
    from paperlog.importers.markdown import Outline

    assert isinstance(outline, Outline)
    lines = outline.lines
    fm_end = outline.front_matter.end if outline.front_matter else 0
    title = str(read_front_matter(lines, fm_end).get("title") or "") if fm_end else ""
    start = fm_end
    heading = outline.root.subsections[0].heading if outline.root.subsections else None
    if not title and heading is not None and heading.level == 1:
        title = heading.content
        start = heading.end
    if not title:
        return None
    title = NOTES_PREFIX.sub("", title)
    link = next((m.group(0) for m in re.finditer(r"https?://[^\s)>\]]+", "\n".join(lines))
                 if _is_paper(m.group(0))), "")
    fm = read_front_matter(lines, fm_end) if fm_end else {}
    head = read_head(title + (f" [link]({link})" if link else ""))
    if not (head.quoted or title_like(head.title, min_words=2)) or not head.title:
        return None
    if re.search(r"\b(?:I|my|me)\b", head.title, re.I):
        # "My Year of Reading in 2023": a post in the first person is about its writer.
        return None
    date = read_date(str(fm.get("date") or "")) if fm_end else None
    ctx = Context(date=date) if date else Context()
    draft = Draft(head, heading.start if start != fm_end and heading else max(fm_end - 1, 0),
                  start, ctx, "a note file about one paper")
    if not fm_end and heading is not None:
        draft.line = heading.start
    elif fm_end:
        draft.line, draft.head_end = 0, fm_end
    draft.parts.append((start, len(lines), 0))
    apply_front_matter(draft, fm)
    walker.note("the file names no list of papers: it was read as the notes of a single paper")
    return draft


def apply_front_matter(draft: Draft, fm: dict[str, object]) -> None:
    """What a single-paper file's front matter says: ids, year, venue, authors, tags, date."""
    head = draft.head
    stated = [_id_url(key, fm.get(key)) for key in ("doi", "arxiv", "url", "link", "uri", "paper")]
    head.urls = [url for url in stated if url and url not in head.urls] + head.urls
    head.year = head.year or _int(fm.get("year"))
    venue = next((fm.get(k) for k in ("venue", "publication", "journal", "conference") if fm.get(k)), None)
    head.venue = head.venue or (str(venue).strip() if venue else None)
    draft.authors = _names(fm.get("authors") or fm.get("author"))
    draft.tags = _names(fm.get("tags"))
    date = read_date(str(fm.get("date") or "")) if fm.get("date") else None
    if date is not None and draft.ctx.date is None:
        draft.ctx = replace(draft.ctx, date=date)


def _id_url(key: str, value: object) -> str:
    """A front-matter id or link as a URL the id parser reads (`doi: 10.1/x` -> doi.org/...)."""
    if not value or not isinstance(value, str | int | float):
        return ""
    text = str(value).strip()
    if text.startswith(("http://", "https://")):
        return text
    if key == "doi":
        return f"https://doi.org/{text}"
    if key == "arxiv":
        return f"https://arxiv.org/abs/{text.removeprefix('arXiv:')}"
    return ""


def _int(value: object) -> int | None:
    try:
        year = int(str(value).strip()[:4])
    except ValueError:
        return None
    return year if 1900 <= year <= 2100 else None


def _names(value: object) -> list[str]:
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if isinstance(value, str) and value.strip():
        parts = re.split(r"\s*;\s*|\s+and\s+" if ";" in value or " and " in value else r"\s*,\s*", value)
        return [p for p in parts if p]
    return []


NOTES_PREFIX = re.compile(
    r"^\s*(?:(?:paper |reading )?notes?(?: on)?|论文笔记|读书笔记|笔记|paper reading|review)"
    r"\s*[:：\-—]?\s+",
    re.I,
)


def _is_paper(url: str) -> bool:
    from paperlog.importers.links import is_paper_link

    return is_paper_link(url)


def parse_with_toml_front_matter(text: str) -> Outline:
    """Hugo's `+++` TOML front matter is front matter too (the parsers know only `---`)."""
    if not text.startswith("+++"):
        return parse(text)
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() == "+++"), None)
    if end is None:
        return parse(text)
    blanked = "\n" * (end + 1) + "\n".join(lines[end + 1 :])
    outline = parse(blanked)
    outline.lines = lines
    outline.front_matter = Block("front_matter", 0, end + 1)
    return outline


def read_front_matter(lines: list[str], end: int) -> dict[str, object]:
    if end < 2:
        return {}
    inner = "\n".join(lines[1 : end - 1])
    try:
        if lines[0].strip() == "+++":
            import tomllib

            return dict(tomllib.loads(inner))
        data = yaml.safe_load(inner)
    except (yaml.YAMLError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
