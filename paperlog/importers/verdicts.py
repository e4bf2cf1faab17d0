"""Whether a head line names a paper, and why: the rules for list items and paragraphs.

`item_is_paper` weighs a bullet (or an HTML list entry), `paragraph_is_paper` a paragraph's
first line; each says why the line names a paper, or "" when it does not, from the line's
`Head` and the `Context` its headings give. In a time log (`is_timelog`: most bullets open
with the time spent) only lines that say they read a paper, or link one, are papers. A line
opening with a paper's bare address (`address_verdict`) and a heading over nothing but the
addresses of one paper (`bare_address`, `names_its_address`) have rules of their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from paperlog.ids import ids_from_url, is_id_title
from paperlog.importers.affixes import DURATION
from paperlog.importers.cues import (
    CHORE,
    CITATION_START,
    EVIDENCE,
    PROSE,
    RESOURCE_PREFIX,
    STUDY_CUE,
    TALKS_OF_PAPERS,
    body_resource,
    book_like,
    in_own_repo,
    names_its_notes,
    overview,
)
from paperlog.importers.drafts import Context, Draft, Found
from paperlog.importers.head import Head
from paperlog.importers.links import generic, is_anchor, is_notes_link, is_paper_link, resource_kind
from paperlog.importers.markdown import Link
from paperlog.importers.titles import capital_ratio, title_like, words
from paperlog.importers.venues import VENUE_NAME
from paperlog.text import cjk_count, has_cjk

RECORD_WHY = "a dated record: date | title | link | notes"
_NON_WORD = re.compile(r"[\W_]+")
_PDF = re.compile(r"\.pdf(?:[?#].*)?$", re.I)


#: Why an entry under `## List of papers` that links a write-up (a gist, a post) is a paper.
WRITE_UP_WHY = "a title under a heading of papers, linking the owner's write-up on it"


def item_is_paper(
    head: Head, ctx: Context, among_papers: bool, *, timelog: bool, note: Callable[[str], None]
) -> str:
    """Why a list item's head names a paper, or "" when it does not. `among_papers`: other
    items of its list link papers; `timelog`: the notebook is a time log (`is_timelog`);
    `note` is told of each guess the rules make, for the import's list of ambiguities."""
    title = head.title
    first = _first_verdict(head)
    if first is not None:
        return first
    if head.quoted:
        if book_like(head):
            note("《titles》 in Chinese with no paper link or paper talk were read as books")
            return ""
        return "a 《quoted》 title"
    if head.paper_links and title and not generic(title):
        return "links to a paper"
    if ctx.listing or overview(head) or cited_in_prose(head) or len(_NON_WORD.sub("", title)) < 2:
        # `- notes on it, after [Another Title]()`: a reference in a sentence; `[X]()`: a
        # placeholder.
        return ""
    notes = head.titles_notes or in_own_repo(head, ctx.own_repos)
    if names_its_notes(head, ctx.own_repos) or (notes and among_papers and not CHORE.match(title)):
        return "names a paper and links the notes on it"
    if head.set_off and (head.urls or head.year) and title_like(title, min_words=2):
        return "a reference-list entry (its title set off in bold or quotes)"
    if head.resource == "repo" and (head.venue or head.year) and title_like(title, min_words=3):
        # `[Learning Representations by Back-propagating Errors](github.com/...) (Nature 1986)`: a
        # paper known by its code, dated and placed like the papers around it.
        return "a title with a venue or year, linking to its code"
    if ctx.lists_papers and head.resource in {"blog", "gist"} and title_like(title, min_words=2):
        # `## List of papers` over `- [A Neural Conversational Model](https://gist.github.com/...)`:
        # the heading says these are papers, and each links the owner's write-up on it.
        return WRITE_UP_WHY
    if head.resource:
        return ""
    if head.set_off and head.authors and title_like(title, min_words=1):
        return "a title set off, followed by its authors"
    if head.short_name is not None and title_like(title, min_words=3) and not (
        CHORE.match(title) or PROSE.search(head.plain.strip())
    ):
        # `- **[UpdateNet]** Learning the Model Update ...`, `- **[]** Real-time tracking via
        # ...`: a log that opens every entry with a short name in bold brackets.
        return "a title after its short name in bold brackets"
    if head.labelled and head.urls and title_like(title, min_words=1):
        return "a line labelled as naming a paper"
    if TALKS_OF_PAPERS.search(head.plain):
        return ""
    real_links = [link for link in head.links if not is_anchor(link.href)]
    titled = title_like(title, min_words=2) or among_papers or head.year or head.venue
    if real_links and title and not has_cjk(title[:1]) and titled and not _names_a_site(head):
        return "a titled link"
    if among_papers and re.fullmatch(r"\[[^\]\[]+\]", head.plain.strip()) and title:
        return "a bracketed name among linked papers"
    if CHORE.match(title) or STUDY_CUE.search(title) or RESOURCE_PREFIX.match(head.plain):
        return ""
    if head.venue and head.year and not head.urls and title_like(title, min_words=2):
        # `- Neural Programmer-Interpreters, ICLR 2016`: a short title cited with its venue.
        return "a title with its venue and year"
    if timelog and not (head.checkbox is not None or head.marks or head.year or head.venue):
        # In a time log, a line names a paper when it says it read it or links it; the
        # rest are tasks ("Setting Up The Cluster"), however capitalised, and its header.
        return ""
    if title_like(title, min_words=3):
        if (head.checkbox is not None or head.marks or ctx.status or head.year or head.venue
                or head.rating or ctx.linked_means_read):
            return "a title with a status, date, year or venue"
        if ctx.date and not PROSE.search(head.plain.strip()) and capital_ratio(title) >= 0.5:
            # Under a date, only the bullet's own words tell a title from a diary line
            # ("Rebuild my software on the cluster", "Get the analysis suite running"):
            # a title is not in the first person and capitalises most of its words.
            return "a title with a status, date, year or venue"
        if len(words(title)) >= 4 and capital_ratio(title) >= 0.6 and not has_cjk(head.remark):
            # A term glued to a sentence in another script (`Fréchet Inception Distance得分`)
            # is part of that sentence, not a title.
            note("title-cased bullets with no link were read as papers")
            return "a title-cased bullet"
    return ""


def paragraph_is_paper(
    head: Head, body: list[str], ctx: Context, *, timelog: bool, note: Callable[[str], None]
) -> str:
    """Why a paragraph's first line (`head`, the lines under it `body`) names a paper, or ""
    when it does not; `timelog` and `note` as for `item_is_paper`."""
    first = _first_verdict(head)
    if first is not None:
        return first
    if head.quoted:
        if book_like(head) and not any(EVIDENCE.search(line) for line in body[:3]):
            note("《titles》 in Chinese with no paper link or paper talk were read as books")
            return ""
        return "a 《quoted》 title"
    if head.set_off and (head.urls or head.year) and CITATION_START.match(head.plain):
        return "a reference-list entry (numbered, its title set off in bold or quotes)"
    if head.paper_links and head.title and not has_cjk(head.title[:1]) and not generic(head.title):
        # A link inside a sentence is a citation; a paper's own line is mostly its title.
        if len(words(head.remark)) <= 4 and cjk_count(head.remark) <= 12:
            return "names a paper with a paper link"
        return ""
    if ctx.listing or overview(head):
        return ""
    if names_its_notes(head, ctx.own_repos) and len(words(head.remark)) <= 4:
        return "names a paper and links the notes on it"
    if head.set_off and head.authors and not head.resource and title_like(head.title, min_words=1):
        # ` *A Theory of Communication* by C. Shannon - 🔘`: a title set off, then its authors.
        return "a title set off, followed by its authors"
    if head.resource or body_resource(body):
        return ""
    if head.labelled and head.urls and title_like(head.title, min_words=1):
        # `**Paper: [Relaxed Lasso](.../relaxo.pdf)** by ...`: the line says what it names.
        return "a line labelled as naming a paper"
    if TALKS_OF_PAPERS.search(head.plain):
        # "Started reading paper: ...", "Created slides on the paper": a diary line.
        return ""
    title = head.title
    plain = head.plain.strip()
    if plain.endswith((":", "：")) or cjk_count(head.remark) > 8 or STUDY_CUE.search(title):
        return ""
    if head.links and not any(link.href.strip() for link in head.links) and (
        title_like(title, min_words=3) and len(words(head.remark)) <= 2
    ):
        # `[Title]()` on a line of its own: a paper whose link is still to be filled in.
        return "a title whose link was left empty"
    if PROSE.search(plain) and not (head.set_off or head.year or head.venue):
        # The notebook's own sentences ("These are my notes ...", "Inspired by X.").
        return ""
    evidence = any(EVIDENCE.search(line) for line in body[:3])
    if (evidence and title_like(title, min_words=2)) or (
        evidence and len(words(title)) >= 2 and not has_cjk(title)
    ):
        return "a title line followed by notes that speak of a paper"
    if not title_like(title, min_words=3):
        return ""
    if len(words(title)) >= 4 and capital_ratio(title) >= 0.6 and (body or ctx.date or ctx.status) and (
        not timelog
    ):
        return "a title-cased line followed by notes"
    return ""


def _first_verdict(head: Head) -> str | None:
    """The rules a list item and a paragraph's first line both meet first; None when none of
    them decides."""
    if head.record:
        return RECORD_WHY
    address = address_verdict(head)
    if address is not None:
        return address
    if head.web_page:
        return ""  # `- [Five Habits Worth Keeping | A. Blogger](https://a-blogger.example/...)`
    if not head.paper_links and VENUE_NAME.fullmatch(head.title.strip()):
        return ""  # `2021 International Conference on Learning Representations`: where it appeared
    if head.duration and not (head.read_phrase or head.set_off or head.paper_links):
        # `- _2 hours_ Trying to train the model on Colab`: a time log's task.
        return ""
    if head.read_phrase and head.title:
        # `- _1.5 hours_ Read the Pix2Vox paper`: the line says which paper it read.
        return "a line saying it read the paper it names"
    if head.status_lead and not head.urls and not _title_cased(head.title):
        # `**Done** Finish the solver port`: a work log's goal, ticked off in bold.
        return ""
    return None


def address_verdict(head: Head) -> str | None:
    """A line opening with a paper's bare address (`https://arxiv.org/pdf/2004.05150.pdf
    著名 longformer`): a paper when the address names it by an id or is a PDF (its title is
    the name after it, or the id); not a paper when it leads to a page of a paper site that
    is no paper (`https://2023.aclweb.org/program/best_papers/`). None: not such a line."""
    if not head.url_led or not (is_paper_link(head.url_led) or head.url_led.startswith("file:")):
        return None
    if head.title and (ids_from_url(head.url_led) or _PDF.search(head.url_led)):
        return "a paper's address on a line of its own"
    return ""


def _title_cased(title: str) -> bool:
    """A title in title case: three words or more, nearly all of them capitalised."""
    return title_like(title, min_words=3) and capital_ratio(title) >= 0.8


def title_link(head: Head) -> Link | None:
    """The link whose text holds the title: `[Title](...)`."""
    return next((link for link in head.links if head.title and head.title in link.text), None)


def cited_in_prose(head: Head) -> bool:
    """`- 这是实现细节，见 [Title]()`, `- as I wrote in my [Cluster Log](...)`: the title's
    link comes after words of a sentence (three words, or four characters in Chinese), so
    the line cites it; a label such as `Paper:` or a year is not a sentence. (Asked only of
    links that do not lead to a paper: `- 前作是 [Title](arxiv)` introduces one.)"""
    link = title_link(head)
    if link is None:
        return False
    before = head.plain[: head.plain.find(link.text)].strip()
    if not before or before.endswith((":", "：")):
        return False
    return len(words(before)) >= 3 or cjk_count(before) >= 4


def _names_a_site(head: Head) -> bool:
    """`[Cooking Recipes](https://example.org/recipes/)`: one or two plain words (no
    acronym, digit or inner capital) linking to a web page that is not a paper, a PDF or
    notes name a website, not a paper."""
    found = words(head.title)
    if not 1 <= len(found) <= 2 or re.search(r"\d", head.title) or head.year or head.venue:
        return False
    if not all(w == w.lower() or w == w.capitalize() for w in found):
        return False
    link = title_link(head)
    href = link.href.strip() if link is not None else ""
    return href.startswith(("http://", "https://")) and resource_kind(href) is None and not (
        is_paper_link(href) or is_notes_link(href) or re.search(r"\.pdf(?:[?#]|$)", href, re.I)
    )


_TIMED_ITEM = re.compile(r"^\s*(?:[*+-]|\d{1,3}[.)])\s+[*_]{0,2}")
_ITEM = re.compile(r"^\s*(?:[*+-]|\d{1,3}[.)])\s+\S")


def is_timelog(lines: list[str]) -> bool:
    """Do five bullets or more, and half of all, open with a duration (`- _2 hours_ ...`)?"""
    items = timed = 0
    for line in lines:
        if _ITEM.match(line):
            items += 1
            opening = _TIMED_ITEM.match(line)
            rest = line[opening.end():] if opening else ""
            timed += bool(DURATION.match(rest.replace("_", " ").replace("*", " ")))
    return timed >= 5 and 2 * timed >= items


def bare_address(inner: Found) -> Draft | None:
    """The first of the papers found under a heading when every one is a paper's address
    alone (its title only its id): the heading is then that paper's name, the addresses
    its links."""
    if not inner.drafts or not all(
        d.head.url_led and is_id_title(d.head.title, d.head.ids()) for d in inner.drafts
    ):
        return None
    return inner.drafts[0]


def names_its_address(head: Head, inner: Found) -> bool:
    """A heading in title case (two words or more) over the addresses of one paper only."""
    papers = {tuple(sorted(d.head.ids().items())) for d in inner.drafts}
    return len(papers) == 1 and title_like(head.title, min_words=2) and capital_ratio(head.title) >= 0.6


def dated_note(ctx: Context) -> str:
    """Why text under a date that names no paper is kept: as study notes of that date."""
    if ctx.date is None:
        return "study notes with no paper named"
    date = ctx.date.date
    # `--02-16`: ISO 8601's way of writing a day with no year.
    when = (str(date.year) if ctx.date.year_only else f"--{date:%m-%d}" if ctx.date.no_year
            else date.isoformat())
    return f"study notes of {when} with no paper named (kept under that date)"
