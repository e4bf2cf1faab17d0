"""What one line says about a paper: its title, links, year, venue, status and rating.

A "head" is the line that names a paper in a notebook: a bullet's first line, a heading,
a paragraph's first line, a table row's title cell. `read_head` takes its inline
Markdown apart (through `markdown.inline_parts`, so links are links, not regex guesses)
and peels off what hand-kept notebooks glue to titles: numbering, `2024 -` year prefixes,
venue tags (`[NIPS'19]`, `*CVPR 2021*`), status emoji and shortcodes, `(3)` ratings,
task-list boxes, `by A. Author, B. Author` after a set-off title, and a trailing remark in
another script (`Title 通过文字...`). `affixes.py` reads brackets, durations and addresses
around the title and cleans the title (`clean_title`); `citations.py` reads authors;
`links.py`, `venues.py` and `marks.py` say what its links, venue tags and status marks mean.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from paperlog.ids import id_title, ids_from_url, venue_from_url
from paperlog.importers.affixes import (
    DURATION,
    LEADING_URL,
    TITLE_LABEL,
    clean_title,
    describes,
    local_pdf_ids,
    read_phrase,
    take_label_stamp,
)
from paperlog.importers.citations import (
    BY_NAMES,
    CITATION_YEAR,
    by_authors,
    close_gaps,
    split_citation,
    trim_ends,
)
from paperlog.importers.dates import LooseDate, read_date
from paperlog.importers.links import (
    MALFORMED,
    URL,
    generic,
    is_anchor,
    is_link_label,
    is_notes_link,
    is_paper_link,
    is_pdf_link,
    names_a_document,
    names_another_work,
    resource_kind,
    trim_url,
)
from paperlog.importers.markdown import Link, inline_parts
from paperlog.importers.marks import leading_status, take_marks, trailing_status
from paperlog.importers.titles import words
from paperlog.importers.venues import (
    CLOSING_YEAR,
    VENUE_ALONE,
    VENUE_OPENING,
    VENUE_TAG,
    VENUE_YEAR,
    canonical_venue,
    take_year_venue,
    venue_stamp,
)
from paperlog.model import Status
from paperlog.text import has_cjk


@dataclass
class Head:
    """What a head line says about a paper, with the bits it could not place."""

    source: str
    plain: str = ""
    title: str = ""
    links: list[Link] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    quoted: bool = False
    checkbox: bool | None = None
    marks: list[Status] = field(default_factory=list)
    stars: int = 0
    rating: int | None = None
    year: int | None = None
    venue: str | None = None
    remark: str = ""
    malformed: list[str] = field(default_factory=list)
    #: The title was set off as in a citation: in bold, or in "double quotes".
    set_off: bool = False
    #: A read date written at the start of the line (`2023-05-01: [Title](...)`).
    date: LooseDate | None = None
    images: int = 0
    #: The line starts with a label saying it names a paper: `Paper: [...]`, `Title: ...`.
    labelled: bool = False
    #: A status word in bold leading the line (`**Done** ...`), as a work log marks goals.
    status_lead: str = ""
    #: A dated record: `2025-01-10 | Title | link | notes` (in backticks or not).
    record: bool = False
    #: The paper's authors: the names after a title set off as a link, in italics or in
    #: bold (`[Title](...) by A. Author, B. Author`), or those a citation names before
    #: its title (`LeCun, Yann, and Yoshua Bengio. "T."`).
    authors: list[str] = field(default_factory=list)
    #: A question mark among the marks (`❓`, `:question:`): see `QUESTION_MARKS`.
    queried: bool = False
    #: A citation: names, then the title in quotes (`Chollet, “Xception”`).
    cited: bool = False
    #: A short name in brackets, in bold, before the title (`**[UpdateNet]** Title`, `**[]**`
    #: left blank): the way some logs open every entry.
    short_name: str | None = None
    #: Ids the line states in words, not in a link (`[arXiv:1710.10196] Title`).
    stated_ids: dict[str, str] = field(default_factory=dict)
    #: The title is a web page's as a browser copies it (`Title | Site Name`), and the link
    #: goes to no paper: a page on that site, not a paper.
    web_page: bool = False
    #: Bracket groups taken off the end of the title (`[SC'22]`, `[ByteDance]`, `[AIXI]`).
    trailing: list[str] = field(default_factory=list)
    #: A time log's duration before the task (`_1.5 hours_ Read ...`).
    duration: str = ""
    #: The line says it read the paper it names ("Read the Pix2Vox paper").
    read_phrase: bool = False
    #: The bare address opening the line (the paper's name or a remark after it), if any.
    url_led: str = ""

    @property
    def paper_links(self) -> list[str]:
        return [u for u in self.urls if is_paper_link(u)]

    @property
    def titles_notes(self) -> bool:
        """The title is the text of a link to a Markdown notes file (`[BERT](notes/bert.md)`)."""
        return bool(self.title) and any(
            is_notes_link(link.href) and self.title in link.text for link in self.links
        )

    @property
    def links_notes(self) -> bool:
        """`Title [[note](.../Title.md)]`: a link to a notes file labelled as notes, or named
        after the title."""
        return any(
            is_notes_link(link.href) and _NOTES_LABEL.fullmatch(link.text.strip())
            for link in self.links
        ) or self.notes_named_after_title

    @property
    def notes_named_after_title(self) -> bool:
        """`[Test-time batch normalization](.../Test-time%20batch%20normalization.md)`: the
        notes file bears the title as its name, so the name is a paper's, however cased."""
        key = _NON_WORD.sub("", self.title).lower()
        for link in self.links:
            if key and is_notes_link(link.href):
                stem = unquote(urlsplit(link.href.strip()).path).rsplit("/", 1)[-1].rsplit(".", 1)[0]
                if _NON_WORD.sub("", stem).lower() == key:
                    return True
        return False

    @property
    def status(self) -> Status | None:
        if self.marks:
            return self.marks[0]
        if self.checkbox is not None:
            return Status.READ if self.checkbox else Status.TO_READ
        return None

    @property
    def anchor_only(self) -> bool:
        return bool(self.links) and all(is_anchor(link.href) for link in self.links)

    @property
    def resource(self) -> str | None:
        documents = {link.href.strip() for link in self.links if names_a_document(link)}
        kinds = [resource_kind(u) for u in self.urls if u and u not in documents]
        if not kinds or self.paper_links or None in kinds:
            return None
        return sorted(k for k in kinds if k)[0]

    def ids(self) -> dict[str, str]:
        found: dict[str, str] = {}
        for url in self.own_urls:
            for kind, value in ids_from_url(url).items():
                found.setdefault(kind, value)
        for kind, value in self.stated_ids.items():
            found.setdefault(kind, value)
        return found

    @property
    def title_href(self) -> str | None:
        """The address of the link whose text holds the title, when that is a paper or a PDF."""
        for link in self.links:
            href = link.href.strip()
            if self.title and self.title in link.text and (is_paper_link(href) or is_pdf_link(href)):
                return href
        return None

    @property
    def own_urls(self) -> list[str]:
        """The paper's own addresses: all of the line's, but for links named as other works
        when the title's link already leads to the paper (`[Title](.../paper.pdf) [commentary
        from A. Author](https://doi.org/...)`: the commentary is not this paper)."""
        if self.title_href is None:
            return self.urls
        others = {
            link.href.strip() for link in self.links if names_another_work(link, self.title, self.plain)
        }
        return [url for url in self.urls if url not in others]


#: `:sunny: ` before a title: shortcodes that are no status mark.
_LEADING_CODES = re.compile(r"^\s*(?::[a-z0-9_+\-]+:\s*)+")
#: `Title | Site Name`: a web page's title as browsers copy it.
_SITE_SUFFIX = re.compile(r"\s+\|\s+([^|]{2,40})$")
#: `Chollet, “Xception”`, `Kingma and Ba, “Adam”;`: names, a comma, a title in quotes.
_CITED = re.compile(
    r"(?P<lead>[A-Z][^“”\"\[\]()]{1,120}?),\s*[“\"](?P<title>[^“”\"]{2,300})[”\"]\s*[.;,]?"
)


def joined_head(first: str, lines: list[str], start: int, stop: int) -> tuple[str, int]:
    """A head line wrapped over the lines after it (from `start`, before `stop`), and the
    line after it: joined while a `[` or a `《` is still open (`[A Title Wrapped\nOver Two
    Lines](...)`), or with one line that ends in the paper's address when `first` has none
    (`A Title Wrapped\nOver Two Lines https://.../paper.pdf`). `first` alone when no link
    closes within three lines."""
    text, end = first, start
    while _unclosed(text) and end < min(stop, start + 3):
        text = f"{text} {lines[end].strip()}"
        end += 1
    if _unclosed(text) and "](" not in text[len(first):]:
        return first, start  # no link closed on the lines joined: they are not the title's
    if end == start and start < stop and "](" not in first and not URL.search(first):
        tail = _ADDRESS_AT_END.search(lines[start])
        if tail is not None and (is_paper_link(tail.group(1)) or is_pdf_link(tail.group(1))) and (
            1 <= len(lines[start][: tail.start()].split()) <= 8
        ):
            return f"{text} {lines[start].strip()}", start + 1
    return text, end


def _unclosed(text: str) -> bool:
    return text.count("[") > text.count("]") or text.count("《") > text.count("》")


#: A line ending with a web address: `Replicated Data Types https://example.org/paper.pdf`.
_ADDRESS_AT_END = re.compile(r"\s(https?://\S+)\s*$")


def read_head(source: str) -> Head:
    """Take a head line apart; `source` is the line without its bullet or `#` marker."""
    lead = leading_status(source.strip())
    if lead is None:
        return _read_head(source)
    word, rest, status = lead
    head = _read_head(rest)
    head.source = source
    head.status_lead = word
    head.marks.insert(0, status)
    return head


#: `<kbd>RAL 2023</kbd>`: a key-cap tag, which paper lists use to stamp the venue.
_KBD = re.compile(r"<kbd>\s*([^<]{1,80}?)\s*</kbd>", re.I)


def _read_head(source: str) -> Head:
    head = Head(source)
    text = source.strip()
    if "<kbd" in text:
        # A venue named in a tag of its own is a venue even when the importer does not know it.
        for tag in _KBD.finditer(text):
            stamp = venue_stamp(tag.group(1))
            if stamp is not None and head.venue is None:
                head.venue, head.year = stamp
    box = re.match(r"^\[([ xX])\]\s+", text)
    if box:
        head.checkbox = box.group(1) != " "
        text = text[box.end():]
    parts = inline_parts(text)
    head.links = [link for link in parts.links]
    head.images = len(parts.images)
    plain = parts.plain
    head.plain = plain
    head.urls = [
        link.href.strip()
        for link in parts.links
        if link.href.strip() and not is_anchor(link.href)
    ]
    head.malformed = [m.group(0).strip() for m in MALFORMED.finditer(plain)]
    for link in parts.links:
        if not link.href.strip():
            head.malformed.append(f"[{link.text}]()")
    for match in URL.finditer(plain):
        url = trim_url(match.group(0))
        if url not in head.urls and not any(url in u for u in head.urls):
            head.urls.append(url)

    work = take_marks(head, plain)  # marks, stars and a rating, wherever they sit
    lead = _LEADING_CODES.match(work)
    if lead:
        # `:sunny: **[UpdateNet]** Title`: a decoration before the title, kept as a remark.
        head.remark = lead.group(0).strip()
        work = work[lead.end():]
    duration = DURATION.match(work)
    if duration:
        # `_1.5 hours_ Read ...`: a time log's entry; the time it took is a remark.
        head.duration = duration.group(0).strip()
        work = work[duration.end():]
    phrase = read_phrase(work) if not parts.links else None
    address = LEADING_URL.match(plain)
    if address is not None and not any(link.begin == 0 for link in parts.links):
        head.url_led = trim_url(address.group(1))
        if head.url_led.startswith("file:"):
            # `file:///home/me/Downloads/2403.04931.pdf`: a paper kept on the owner's disk.
            head.urls.append(head.url_led)
            head.stated_ids.update(local_pdf_ids(head.url_led))

    # The title: a 《quoted》 title, else a title-like link text, else the cleaned text.
    quoted = re.search(r"《([^》]+)》", work)
    title_link = next(
        (lk for lk in parts.links
         if lk.text.strip() and not generic(lk.text) and not is_link_label(lk, plain)), None
    )
    # `**[12] Title,** Venue 2022.`: an entry number inside the bold is numbering, not a tag.
    strong = [_ENTRY_NUMBER.sub("", t.strip(), count=1) for t in parts.strong]
    bold = next((t.strip() for t in strong
                 if len(words(t)) >= 2 and not t.strip().startswith(("(", "[", "（"))
                 and not VENUE_YEAR.fullmatch(t.strip())
                 and not VENUE_TAG.fullmatch(t.strip())), None)
    in_quotes = _IN_QUOTES.search(work)
    if in_quotes is not None and len(words(in_quotes.group(1))) < 2:
        in_quotes = None
    italic = _italic_title(parts.emphasis, plain, work) if bold is None else None
    citation: tuple[list[str], str] | None = None
    cited = _CITED.match(work.strip()) if in_quotes is None else None
    if phrase is not None:
        head.title = phrase
        head.read_phrase = True
        rest = ""
    elif quoted:
        head.quoted = True
        head.title = quoted.group(1).strip()
        rest = work[: quoted.start()] + " " + work[quoted.end():]
    elif title_link is not None:
        head.title = title_link.text.strip()
        rest = plain_without(work, plain, title_link)
        page = _SITE_SUFFIX.search(head.title)
        if page is not None and (is_paper_link(title_link.href) or is_pdf_link(title_link.href.strip())):
            # `[Title | SpringerLink](https://link.springer.com/...)`: the site's name, copied
            # with the page's title, is not part of the paper's.
            head.title = head.title[: page.start()]
            rest = f"{rest} {page.group(0).strip()}"
        elif page is not None and not any(is_paper_link(u) for u in head.urls):
            head.web_page = True
    elif bold is not None:
        head.title = bold
        head.set_off = True
        rest = _ENTRY_NUMBER.sub("", work.replace(bold, " ", 1).strip(), count=1)
        at = work.find(bold)
        if at >= 0:
            citation = split_citation(work[:at], work[at + len(bold):])
    elif italic is not None:
        head.title = italic
        head.set_off = True
        rest = work.replace(italic, " ", 1)
    elif in_quotes is not None:
        head.title = in_quotes.group(1).strip().rstrip(".,")
        head.set_off = True
        rest = work[: in_quotes.start()] + " " + work[in_quotes.end():]
        citation = split_citation(work[: in_quotes.start() + 1], work[in_quotes.end() - 1:])
    elif cited is not None:
        # `Chollet, “Xception”`: a citation whose quoted title is one word.
        head.title = cited.group("title").strip().rstrip(".,")
        head.set_off = True
        rest = cited.group("lead") + " " + work.strip()[cited.end():]
    else:
        head.title = work
        rest = ""
    plain_title = not (quoted or title_link is not None or bold is not None or italic is not None
                       or in_quotes is not None or cited is not None or phrase is not None)
    head.cited = head.set_off and _CITED.match(work.strip()) is not None
    head.labelled = TITLE_LABEL.match(re.sub(r"<[^>]+>", "", plain)) is not None
    head.title = clean_title(head, head.title, parts.links)
    if head.short_name is not None and head.short_name not in {t.strip() for t in parts.strong}:
        head.short_name = None  # only a name set off in bold (`**[UpdateNet]**`) marks an entry
    if plain_title:
        # `Title. Authors. Venue 2017.`: a citation written out; the title is its first sentence.
        sentence = _FIRST_SENTENCE.match(head.title)
        if sentence and len(words(sentence.group(1))) >= 3:
            rest = head.title[sentence.end(1):]
            head.title = sentence.group(1).strip()
    if citation is not None:
        # `Authors. "Title." Venue 521.7553 (2015): 436-444.`: the authors are authors, and
        # the rest of the citation stays as written (no year or bracket taken out of it).
        head.authors, after = citation
        rest = _citation_rest(head, after, parts.links)
    else:
        rest = _clean_rest(head, rest, parts.links)
    head.remark = " ".join(part for part in (head.duration, rest, head.remark) if part).strip()
    trailing = trailing_status(head.remark)
    if trailing is not None and title_link is not None:
        # `[Title](...) todo`: a status word alone after the linked title is its mark.
        head.marks.append(trailing)
        head.remark = ""
    if head.url_led and (describes(head.title) or not head.title):
        # `https://arxiv.org/pdf/2104.02395.pdf survey`: the words after the address say what
        # the paper is about; until its title is fetched, its id stands for it.
        head.remark = " ".join(part for part in (head.title, head.remark) if part).strip()
        head.title = id_title(head.ids())
    _read_record(head, plain, parts.links)
    if head.year is None or head.venue is None:
        for url in head.urls:
            venue, year = venue_from_url(url)
            if venue and venue != "PMLR" and head.venue is None:
                head.venue = venue
            if year and head.year is None:
                head.year = year
    return head


def _citation_rest(head: Head, after: str, links: list[Link] | tuple[Link, ...]) -> str:
    """What a citation says after its title, as written but for its links; its year (the
    first standing alone) and a known venue opening it fill `year` and `venue`."""
    after = _without_links(head, after, links)
    year = CITATION_YEAR.search(after)
    if year is not None:
        head.year = head.year or int(year.group(1))
    venue = VENUE_OPENING.match(after)
    if venue is not None:
        head.venue = head.venue or canonical_venue(venue.group(1), year.group(1) if year else None)
    return trim_ends(re.sub(r"\s+", " ", close_gaps(after)))


#: `2025-01-10 | Title | link | notes`: a day, then fields set apart by `|`.
RECORD_START = re.compile(r"^\s*`?\s*(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}\s*\|")
_LINK_FIELD = re.compile(r"^\[?\s*(?:link|pdf|paper|arxiv|url|code)?\s*\]?$", re.I)


def _read_record(head: Head, plain: str, links: tuple[Link, ...]) -> None:
    """A one-line record `date | title | link | free text`: the date is the read date, the
    second field the title, a link field the paper's link, the rest its notes."""
    if not RECORD_START.match(plain):
        return
    fields = [part.strip().strip("`").strip() for part in plain.strip().strip("`").split("|")]
    stated = read_date(fields[0])
    if len(fields) < 3 or stated is None or not stated.precise or stated.rest:
        return
    title = fields[1]
    if not title or generic(title) or URL.fullmatch(title):
        return
    rest = []
    for cell in fields[2:]:
        for match in URL.finditer(cell):
            url = trim_url(match.group(0))
            if url not in head.urls:
                head.urls.append(url)
        left = URL.sub(" ", cell).strip()
        if left and not _LINK_FIELD.fullmatch(left) and not generic(left):
            rest.append(left)
    head.record = True
    head.date = stated
    head.title = clean_title(head, title, links)
    head.remark = " | ".join(rest)


_NOTES_LABEL = re.compile(r"notes?|my notes|summary|笔记|阅读笔记|总结", re.I)


def plain_without(work: str, plain: str, link: Link) -> str:
    """The head text around a link (the text before and after it)."""
    text = link.text
    index = work.find(text)
    if index < 0:
        return work
    return work[:index] + " " + work[index + len(text):]


_ENTRY_NUMBER = re.compile(r"^\[\d{1,4}\]\s*")
_FIRST_SENTENCE = re.compile(r"^(.+?[a-z0-9)])\.\s+(?=[A-Z])")
_IN_QUOTES = re.compile(r"[\"“]([^\"“”]{6,300})[\"”]")
_NON_WORD = re.compile(r"[\W_]+")


def _without_links(head: Head, text: str, links: list[Link] | tuple[Link, ...]) -> str:
    """`text` without the line's URLs and generic link labels (`pdf`, `code`); a label's
    venue stamp (`pdf: NIPS 2013`) fills `venue` and `year` first."""
    for url in head.urls:
        text = text.replace(url, " ")
    for link in links:
        if generic(link.text) and link.text:
            take_label_stamp(head, link.text)
            text = text.replace(link.text, " ")
    return MALFORMED.sub(" ", text)


def _clean_rest(head: Head, rest: str, links: list[Link] | tuple[Link, ...]) -> str:
    if not rest:
        return ""
    stated = read_date(rest.strip()) if rest.strip()[:1].isdigit() else None
    if stated is not None and stated.precise:
        head.date = head.date or stated
        rest = stated.rest
    rest = _without_links(head, rest, links)
    alone = VENUE_ALONE.match(rest)
    if alone and head.venue is None:
        # `[Title](...), arXiv`: the citation's venue, with no year after it.
        head.venue = canonical_venue(alone.group(1))
        return ""
    rest = take_year_venue(head, rest, anywhere=True)
    rest = _take_authors(head, rest)
    rest = trim_ends(re.sub(r"\s+", " ", close_gaps(rest)))
    closing = CLOSING_YEAR.search(rest)
    if closing is not None and head.year is None:
        head.year = int(closing.group(1))
    return rest if (words(rest) or has_cjk(rest)) else ""


_THEN_BY = re.compile(r"[\s*_\"”’'.,:\-–—]*by\s", re.I)


def _take_authors(head: Head, rest: str) -> str:
    """`by A. Author, B. Author and C. Author` after a set-off title: the paper's authors.
    The words stay in the head line; the remark keeps only what came before `by`."""
    if not head.set_off and not any(link.text.strip() == head.title for link in head.links):
        return rest
    at = head.plain.find(head.title) if head.title else -1
    if at < 0 or not _THEN_BY.match(head.plain, at + len(head.title)):
        return rest  # "... is shown by *Title* (Author et al.)": the title is cited in a sentence
    found = by_authors(rest)
    if found is None:
        return rest
    head.authors, before = found
    return before


def _italic_title(emphasis: tuple[tuple[int, str], ...], plain: str, work: str) -> str | None:
    """` *Title* by Author - 🔘`: words in italics that open the line (after a date, if any)
    are its title when `by` and names follow them, or nothing but marks does."""
    for begin, text in emphasis[:1]:
        before, after = plain[:begin], work[work.find(text) + len(text):] if text in work else ""
        if len(words(text)) < 2 or words(re.sub(r"(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}", " ", before)):
            return None
        if BY_NAMES.match(after.strip()) or not (words(after) or has_cjk(after)):
            return text.strip()
    return None
