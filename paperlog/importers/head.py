"""What one line says about a paper: its title, links, year, venue, status and rating.

A "head" is the line that names a paper in a notebook: a bullet's first line, a heading,
a paragraph's first line, a table row's title cell. `read_head` takes its inline
Markdown apart (through `markdown.inline_parts`, so links are links, not regex guesses)
and peels off what hand-kept notebooks glue to titles: numbering, `2024 -` year prefixes,
venue tags (`[NIPS'19]`, `*CVPR 2021*`), status emoji and shortcodes, `(3)` ratings,
task-list boxes, `by A. Author, B. Author` after a set-off title, and a trailing remark in
another script (`Title 通过文字...`); `affixes.py` reads brackets, durations and addresses
around the title.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from paperlog.ids import id_title, ids_from_url, unwrap_redirect, venue_from_url
from paperlog.importers.affixes import (
    DURATION,
    LEADING_URL,
    describes,
    leading_bracket,
    local_pdf_ids,
    read_phrase,
    trailing_brackets,
)
from paperlog.importers.citations import CITATION_YEAR, close_gaps, split_citation, trim_ends
from paperlog.importers.dates import LooseDate, read_date
from paperlog.importers.markdown import Link, inline_parts
from paperlog.model import Status
from paperlog.text import CJK_CHARS, CJK_RUN, has_cjk

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'’]*(?:-[A-Za-z0-9]+)*")
_STOP = {"a", "an", "the", "of", "for", "and", "or", "in", "on", "to", "with", "via", "by",
         "from", "at", "as", "is", "are", "be", "into", "over", "under", "without", "vs"}

VENUES = (
    "NeurIPS", "NIPS", "ICML", "ICLR", "CVPR", "ICCV", "ECCV", "AAAI", "IJCAI", "ACL", "EMNLP",
    "NAACL", "COLING", "EACL", "KDD", "WWW", "SIGIR", "CIKM", "WSDM", "ACM MM", "ACMMM", "MM",
    "TPAMI", "PAMI", "TIP", "JMLR", "TACL", "TMLR", "AISTATS", "UAI", "COLT", "CoRL", "RSS",
    "ICRA", "IROS", "MICCAI", "BMVC", "WACV", "ICASSP", "Interspeech", "SIGGRAPH Asia",
    "SIGGRAPH", "TOG", "3DV", "ICDE", "VLDB", "SIGMOD", "RecSys", "ISCA", "OSDI", "SOSP",
    "NSDI", "Nature", "Science", "PNAS", "arXiv",
)
_VENUE_ALT = "|".join(re.escape(v).replace(r"\ ", r"\s?") for v in VENUES)
#: A venue with a year (`CVPR 2021`, `NIPS'17`, `ICLR2018`).
VENUE_YEAR = re.compile(rf"(?<![A-Za-z])({_VENUE_ALT})\s*['’]?\s*((?:19|20)?\d{{2}})(?![\d])")
#: A bracketed venue tag, with or without a year (`[ICLR 2018]`, `(NeurIPS)`, `【CVPR】`).
VENUE_TAG = re.compile(
    rf"[\[(（【]\s*(?:({_VENUE_ALT})\s*['’]?\s*((?:19|20)?\d{{2}})?|((?:19|20)\d{{2}})\s*({_VENUE_ALT}))"
    rf"\s*(?:oral|spotlight|poster|best paper|workshop)?\s*[\])）】]",
    re.I,
)
_YEAR_PREFIX = re.compile(r"^\s*((?:19|20)\d{2})\s*[-–—:|,]\s+")
_YEAR_PAREN = re.compile(r"[(（\[【]\s*((?:19|20)\d{2})(?:[.\-/]\d{1,2}){0,2}\s*[)）\]】]")
NUMBERING = re.compile(r"^\s*(?:No\.\s*)?\d{1,3}(?:\.\d{1,3})*[.)、:]?\s+(?=\S)")
_RATING = re.compile(r"[(（]\s*([1-5])(?:\s*/\s*5)?\s*[)）]\s*$")
_URL = re.compile(r"https?://[^\s<>\"'`]+")
_MALFORMED = re.compile(r"\[[^\]]*\]\s+https?://[^\s)]*")
_SHORTCODE = re.compile(r":([a-z0-9_+\-]+):")

#: Status emoji and shortcodes. Variation selectors are stripped before lookup.
STATUS_MARKS: dict[str, Status] = {
    "✔": Status.READ, "✅": Status.READ, "☑": Status.READ, "✓": Status.READ, "🟢": Status.READ,
    "heavy_check_mark": Status.READ, "white_check_mark": Status.READ,
    "ballot_box_with_check": Status.READ, "check": Status.READ, "done": Status.READ,
    "❓": Status.TO_READ, "❔": Status.TO_READ, "⬜": Status.TO_READ, "🔲": Status.TO_READ,
    "📌": Status.TO_READ, "question": Status.TO_READ, "grey_question": Status.TO_READ,
    "white_large_square": Status.TO_READ, "pushpin": Status.TO_READ, "todo": Status.TO_READ,
    # A party popper or an empty radio button / ballot box: a challenge log's "done" / "not yet".
    "🎉": Status.READ, "tada": Status.READ, "🔘": Status.TO_READ, "radio_button": Status.TO_READ,
    "☐": Status.TO_READ,
    "📖": Status.READING, "🚧": Status.READING, "👀": Status.READING, "⏳": Status.READING,
    "🔄": Status.READING, "book": Status.READING, "open_book": Status.READING,
    "construction": Status.READING, "eyes": Status.READING, "hourglass": Status.READING,
    "hourglass_flowing_sand": Status.READING,
    # A cross in a reading list says "not read", rarely "dropped".
    "❌": Status.TO_READ, "✖": Status.TO_READ, "x": Status.TO_READ,
}
#: A question mark says "to read" in a list, but "read, not understood" in a dated log.
QUESTION_MARKS = frozenset({"❓", "❔", "question", "grey_question"})
_STATUS_CHARS = re.compile("[" + "".join(k for k in STATUS_MARKS if len(k) == 1 and k != "x") + "]")
_STATUS_WORDS = {
    "toread": Status.TO_READ, "todo": Status.TO_READ, "unread": Status.TO_READ,
    "未读": Status.TO_READ, "待读": Status.TO_READ, "reading": Status.READING,
    "wip": Status.READING, "在读": Status.READING, "read": Status.READ, "done": Status.READ,
    "已读": Status.READ, "读完": Status.READ,
    # Not downloaded, not found: a paper still to get hold of, so still to read.
    "未下载": Status.TO_READ, "没下载": Status.TO_READ, "未找到": Status.TO_READ,
    "没找到": Status.TO_READ, "notfound": Status.TO_READ, "notdownloaded": Status.TO_READ,
}
#: `Title (reading)`, `[TODO] Title`, `Title【已读】`: a status word in brackets.
_STATUS_WORD = re.compile(
    r"[\[(（【]\s*(to[ -]?read|todo|unread|未读|待读|reading|wip|在读|read|done|已读|读完|"
    r"未下载|没下载|未找到|没找到|not found|not downloaded)\s*[\])）】]",
    re.I,
)
#: `[Title](...) todo`, `[Title](...) 待读`: a status word alone after the title.
_TRAILING_STATUS = re.compile(r"(to[ -]?read|todo|unread|未读|待读|reading|wip|在读|done|已读|读完)", re.I)
STAR_MARKS = ("⭐", "🌟", "★", ":star:", ":star2:")
_OTHER_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\ufe0f\u200d]")

GENERIC_LINK_TEXT = {
    "link", "links", "pdf", "paper", "arxiv", "code", "github", "here", "post", "project",
    "blog", "slides", "video", "site", "homepage", "html", "abs", "doi", "openreview", "url",
    "web", "page", "source", "repo", "notes", "note", "review", "reading", "论文", "代码", "链接",
    "原文", "地址", "笔记", "博客", "视频", "解读", "tweet", "twitter", "thread", "demo",
    "website", "project page", "talk", "poster", "supplementary", "bibtex", "dataset",
    "reading notes", "paper notes", "my notes", "read notes", "论文笔记", "读书笔记", "阅读笔记",
    "学习笔记", "进入",
}
#: `语雀-AlexNet`, `知乎：ResNet`: where a write-up is kept, then the name it is kept under.
_SITE_LABEL = re.compile(
    r"^\s*(?:语雀|知乎|掘金|简书|博客园|博客|飞书|公众号|微信|B站|CSDN|yuque|zhihu|notion|medium|"
    r"bilibili|github|blog)\s*[-–—:：]\s*\S",
    re.I,
)
#: `pdf: NIPS 2013`, `[paper (CVPR 2019)]`, `code 2020`: a generic label, then where and when.
_LABEL_THEN_STAMP = re.compile(
    rf"^\s*\[?\s*([A-Za-z{CJK_CHARS}][A-Za-z{CJK_CHARS}\-]*)\s*([:：(（\[\-–—]?)\s*(.+?)\s*[)）\]]?\s*\]?\s*$"
)

PAPER_HOSTS = (
    "arxiv.org", "openreview.net", "doi.org", "dl.acm.org", "ieeexplore.ieee.org",
    "link.springer.com", "sciencedirect.com", "openaccess.thecvf.com", "proceedings.mlr.press",
    "papers.nips.cc", "proceedings.neurips.cc", "papers.neurips.cc", "aclanthology.org",
    "aclweb.org", "semanticscholar.org", "researchgate.net", "biorxiv.org", "medrxiv.org",
    "nature.com", "science.org", "pubmed.ncbi.nlm.nih.gov", "ojs.aaai.org", "aaai.org",
    "ijcai.org", "jmlr.org", "ecva.net", "bmva.org", "alphaxiv.org", "arxiv-vanity.com",
    "onlinelibrary.wiley.com", "academic.oup.com", "pnas.org", "cell.com", "mdpi.com",
    "frontiersin.org", "plos.org", "iclr.cc", "icml.cc", "neurips.cc", "dblp.org",
    "citeseerx.ist.psu.edu", "usenix.org", "isca-speech.org", "tmlr.org",
)
#: Hosts whose links are resources, not papers, and what kind of resource.
RESOURCE_HOSTS = (
    ("gist.github.com", "gist"), ("github.com", "repo"), ("gitlab.com", "repo"), ("gitee.com", "repo"),
    ("youtube.com", "video"), ("youtu.be", "video"), ("bilibili.com", "video"),
    ("zhuanlan.zhihu.com", "blog"), ("zhihu.com", "blog"), ("medium.com", "blog"),
    ("towardsdatascience.com", "blog"), ("github.io", "blog"), ("blogspot.com", "blog"),
    ("wordpress.com", "blog"), ("jianshu.com", "blog"), ("csdn.net", "blog"),
    ("cnblogs.com", "blog"), ("mp.weixin.qq.com", "blog"), ("substack.com", "blog"),
    ("distill.pub", "blog"), ("lilianweng", "blog"), ("coursera.org", "course"),
    ("udacity.com", "course"), ("edx.org", "course"), ("deeplearning.ai", "course"),
    ("shimo.im", "document"), ("docs.google.com", "document"), ("notion.so", "document"),
    ("notion.site", "document"), ("feishu.cn", "document"), ("yuque.com", "document"),
    ("twitter.com", "post"), ("x.com", "post"), ("reddit.com", "post"),
    ("wikipedia.org", "reference"), ("stackoverflow.com", "post"), ("kaggle.com", "resource"),
    ("huggingface.co", "resource"), ("douban.com", "book"), ("amazon.", "book"),
    ("goodreads.com", "book"), ("books.google.", "book"), ("oreilly.com", "book"),
    ("manning.com", "book"),
)


_PAPER_HOST_SET = frozenset(PAPER_HOSTS)


@lru_cache(maxsize=8192)
def host_of(href: str) -> str:
    if href.lower().startswith("www."):
        href = "https://" + href  # `[Title](www.pnas.org/...)`: a link written without its scheme
    try:
        return urlsplit(unwrap_redirect(href)).netloc.lower().removeprefix("www.")
    except ValueError:
        return ""


@lru_cache(maxsize=8192)
def is_paper_link(href: str) -> bool:
    target = unwrap_redirect(href)
    host = host_of(target)
    if not host:
        return False
    if host == "paperswithcode.com":
        return "/paper/" in target
    if host == "huggingface.co":
        return "/papers/" in target
    parts = host.split(".")
    suffixes = {".".join(parts[i:]) for i in range(len(parts) - 1)}
    return bool(suffixes & _PAPER_HOST_SET) or bool(ids_from_url(target))


_NOTES_FILE = re.compile(r"\.(?:md|markdown|mdown|mkd)(?:[?#].*)?$", re.I)
_REPO_FILE = re.compile(r"^/[^/]+/[^/]+/(?:-/)?(?:blob|tree|raw)/", re.I)
_REPO_HOSTS = frozenset({"github.com", "gitlab.com", "gitee.com"})
#: `/me/notes/tree/main/db/Spanner`: a path into a repository, below its branch.
_REPO_DEEP = re.compile(r"^/([^/]+)/([^/]+)/(?:-/)?(?:blob|tree)/[^/]+/+([^?#]*[^/?#][^?#]*)", re.I)
_CODE_FILE = re.compile(
    r"\.(?:py|ipynb|c|cc|cpp|cxx|h|hpp|cu|java|kt|scala|js|ts|go|rs|rb|php|swift|sh|m|r|jl|lua|"
    r"ya?ml|json|toml|cfg|ini|txt|csv)$",
    re.I,
)
#: A gist (`gist.github.com/...`, or a `gist/` folder of the owner's): a snippet, not a paper's notes.
_GIST = re.compile(r"^https?://gist\.github\.com/|^(?:\./)?(?:[^:/?#]+/)*gists?/", re.I)


@lru_cache(maxsize=8192)
def is_notes_link(href: str) -> bool:
    """A link to a Markdown file: the owner's notes on a paper, kept beside the notebook
    (`notes/bert.md`, or a folder `2025/bert/` shown by its README) or in a repository
    (`github.com/me/notes/blob/main/bert.md`)."""
    href = href.strip()
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    if not parts.scheme and not parts.netloc and parts.path.endswith("/") and (
        re.search(r"[A-Za-z]", parts.path) and not parts.path.startswith(("/", "../"))
    ):
        # `[DINOv3](2025/DINOv3/)`: a folder beside the notebook, shown by its README.
        return True
    if not _NOTES_FILE.search(parts.path) or _GIST.match(href):
        return False
    if not parts.scheme and not parts.netloc:
        return True
    host = parts.netloc.lower().removeprefix("www.")
    return host in _REPO_HOSTS and bool(_REPO_FILE.match(parts.path))


@lru_cache(maxsize=8192)
def repo_document(href: str) -> tuple[str, str] | None:
    """`github.com/me/notes/tree/main/db/Paxos%20Made%20Simple`: a link deep into a repository, to a
    folder or a document in it rather than to code; the repository's (host/owner, name)."""
    try:
        parts = urlsplit(href.strip())
    except ValueError:
        return None
    host = parts.netloc.lower().removeprefix("www.")
    match = _REPO_DEEP.match(parts.path)
    if host not in _REPO_HOSTS or match is None or _CODE_FILE.search(match.group(3)):
        return None
    return f"{host}/{match.group(1).lower()}", match.group(2).lower()


def names_a_document(link: Link) -> bool:
    """`[A Title of Three Words or More](.../tree/master/content/...)`: a link into a
    repository that names what it leads to, a title or the file's own name, is a link to
    notes or a document kept there, not to a code repository."""
    if repo_document(link.href) is None:
        return False
    text = link.text.strip()
    first = CJK_RUN.search(text)
    if first is not None and re.match(r"[A-Za-z0-9]", text):
        text = text[: first.start()].strip()  # `Title 论文笔记`: a remark in another script
    if title_like(text, min_words=3):
        return True
    stem = unquote(urlsplit(link.href.strip()).path.rstrip("/")).rsplit("/", 1)[-1].rsplit(".", 1)[0]
    key = _NON_WORD.sub("", text).lower()
    return bool(key) and _NON_WORD.sub("", stem).lower() == key


@lru_cache(maxsize=8192)
def resource_kind(href: str) -> str | None:
    if _GIST.match(href.strip()):
        return "gist"
    host = host_of(href)
    if not host or is_paper_link(href) or is_notes_link(href):
        return None
    if re.search(r"\.pdf(?:[?#].*)?$", href, re.I):
        # A PDF is a document to read wherever it is kept, not a blog page or a repository.
        return None
    for pattern, kind in RESOURCE_HOSTS:
        if pattern in host:
            return kind
    return None


def is_anchor(href: str) -> bool:
    """A link to a place in the same page: `#section`, `./#section`."""
    return bool(re.match(r"\s*(?:\./)?#", href))


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def title_like(text: str, *, min_words: int = 3) -> bool:
    """Does `text` read like a paper title (Latin script, a few words, not a sentence)?"""
    text = text.strip()
    if not text or len(text) > 300 or has_cjk(text):
        return False
    if not re.match(r"[A-Za-z0-9\"'“(]", text) or text[-1] in ":：;；,，。":
        return False
    found = words(text)
    if len(found) < min_words or len(found) > 40:
        return False
    if len(found) >= 4:
        return True
    content = [w for w in found if w.lower() not in _STOP]
    capital = [w for w in content if w[0].isupper() or any(c.isupper() for c in w[1:])]
    return len(capital) * 2 >= len(content) and len(content) >= 2


def capital_ratio(text: str) -> float:
    content = [w for w in words(text) if w.lower() not in _STOP]
    if not content:
        return 0.0
    return sum(1 for w in content if w[0].isupper() or w[0].isdigit()) / len(content)


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
            if self.title and self.title in link.text and (is_paper_link(href) or _is_pdf(href)):
                return href
        return None

    @property
    def own_urls(self) -> list[str]:
        """The paper's own addresses: all of the line's, but for links named as other works
        when the title's link already leads to the paper (`[Title](.../paper.pdf) [commentary
        from A. Author](https://doi.org/...)`: the commentary is not this paper)."""
        if self.title_href is None:
            return self.urls
        others = {link.href.strip() for link in self.links if _names_another_work(self, link)}
        return [url for url in self.urls if url not in others]


def _is_pdf(href: str) -> bool:
    return href.startswith(("http://", "https://")) and href.split("?")[0].lower().endswith(".pdf")


def _names_another_work(head: Head, link: Link) -> bool:
    """A link beside the title named in words of its own (two or more, not a label such as
    `[code]` or `[CVPR 2019]`): `[commentary from A. Author](...)`, `[motivation paper](...)`."""
    text = link.text.strip()
    return (
        bool(head.title) and head.title not in text and len(words(text)) >= 2
        and not generic(text) and not _link_label(link, head.plain)
        and VENUE_YEAR.fullmatch(text) is None and VENUE_TAG.fullmatch(text) is None
    )


#: `:sunny: ` before a title: shortcodes that are no status mark.
_LEADING_CODES = re.compile(r"^\s*(?::[a-z0-9_+\-]+:\s*)+")
#: `Title | Site Name`: a web page's title as browsers copy it.
_SITE_SUFFIX = re.compile(r"\s+\|\s+([^|]{2,40})$")
#: `Chollet, “Xception”`, `Kingma and Ba, “Adam”;`: names, a comma, a title in quotes.
_CITED = re.compile(
    r"(?P<lead>[A-Z][^“”\"\[\]()]{1,120}?),\s*[“\"](?P<title>[^“”\"]{2,300})[”\"]\s*[.;,]?"
)


#: `**Done** Finish the port`, `[**Not Completed**] ...`: a status word in bold leading the line.
_STATUS_LEAD = re.compile(
    r"^\[?(\*\*|__)\s*((?:not|partially|half)?\s*(?:done|completed?|finished|started|in[ -]progress|"
    r"ongoing|pending|postponed|skipped|wip|todo)\b[^*_\]]{0,60}?)\s*\1\]?\s*[:：\-–]?\s*(?=\S)",
    re.I,
)


def read_head(source: str) -> Head:
    """Take a head line apart; `source` is the line without its bullet or `#` marker."""
    lead = _STATUS_LEAD.match(source.strip())
    if lead is None:
        return _read_head(source)
    head = _read_head(source.strip()[lead.end():])
    head.source = source
    word = lead.group(2).strip().lower()
    head.status_lead = word
    if word.startswith(("not", "partially", "half", "pending", "postponed", "skipped", "todo")):
        head.marks.insert(0, Status.TO_READ)
    elif word.startswith(("started", "in", "ongoing", "wip")):
        head.marks.insert(0, Status.READING)
    else:
        head.marks.insert(0, Status.READ)
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
    head.malformed = [m.group(0).strip() for m in _MALFORMED.finditer(plain)]
    for link in parts.links:
        if not link.href.strip():
            head.malformed.append(f"[{link.text}]()")
    for match in _URL.finditer(plain):
        url = trim_url(match.group(0))
        if url not in head.urls and not any(url in u for u in head.urls):
            head.urls.append(url)

    # Marks, stars and a rating, wherever they sit.
    work = plain
    for star in STAR_MARKS:
        head.stars += work.count(star)
        work = work.replace(star, " ")
    for match in _SHORTCODE.finditer(work):
        mark = STATUS_MARKS.get(match.group(1))
        if mark is not None:
            head.marks.append(mark)
            head.queried = head.queried or match.group(1) in QUESTION_MARKS
    work = _SHORTCODE.sub(lambda m: " " if m.group(1) in STATUS_MARKS else m.group(0), work)
    work = work.replace("\ufe0f", "")
    if _STATUS_CHARS.search(work):
        chars = _STATUS_CHARS.findall(work)
        head.marks.extend(STATUS_MARKS[char] for char in chars)
        head.queried = head.queried or any(char in QUESTION_MARKS for char in chars)
        work = _STATUS_CHARS.sub(" ", work)
    work = _OTHER_EMOJI.sub(" ", work)
    for match in list(_STATUS_WORD.finditer(work)):
        word = match.group(1).lower().replace(" ", "").replace("-", "")
        head.marks.append(_STATUS_WORDS[word])
        work = work.replace(match.group(0), " ")
    rating = _RATING.search(work)
    if rating:
        head.rating = int(rating.group(1))
        work = work[: rating.start()]
    elif 1 <= head.stars <= 5:
        head.rating = head.stars
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
         if lk.text.strip() and not generic(lk.text) and not _link_label(lk, plain)), None
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
        if page is not None and (is_paper_link(title_link.href) or _is_pdf(title_link.href.strip())):
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
    head.labelled = _TITLE_LABEL.match(re.sub(r"<[^>]+>", "", plain)) is not None
    head.title = _clean_title(head, head.title, parts.links)
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
    trailing = _TRAILING_STATUS.fullmatch(head.remark)
    if trailing is not None and title_link is not None:
        # `[Title](...) todo`: a status word alone after the linked title is its mark.
        head.marks.append(_STATUS_WORDS[re.sub(r"[\s-]", "", trailing.group(1).lower())])
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
    venue = re.match(rf"\s*({_VENUE_ALT})(?![A-Za-z])", after)
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
    if not title or generic(title) or _URL.fullmatch(title):
        return
    rest = []
    for cell in fields[2:]:
        for match in _URL.finditer(cell):
            url = trim_url(match.group(0))
            if url not in head.urls:
                head.urls.append(url)
        left = _URL.sub(" ", cell).strip()
        if left and not _LINK_FIELD.fullmatch(left) and not generic(left):
            rest.append(left)
    head.record = True
    head.date = stated
    head.title = _clean_title(head, title, links)
    head.remark = " | ".join(rest)


_NOTES_LABEL = re.compile(r"notes?|my notes|summary|笔记|阅读笔记|总结", re.I)


def _link_label(link: Link, plain: str) -> bool:
    """`Title [[research](...pdf)] [[note](...)]`: a short link (three words at most) in
    brackets of its own, after words that are not a link, labels where the link goes; it is
    not the title."""
    text = link.text.strip()
    if not 1 <= len(text.split()) <= 3:
        return False
    # `[[ACL](...), [Github](...)]`: the brackets may hold several such labels.
    group = re.search(rf"\[[^\[\]]*(?<![\w-]){re.escape(text)}(?![\w-])[^\[\]]*\]", plain)
    if group is None:
        return False
    before = plain[: group.start()]
    return len(words(re.sub(r"\[[^\]]*\]", " ", before))) >= 2


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
_ANY_DIGIT_OR_BRACKET = re.compile(r"[\d\[(（【]")
_NON_WORD = re.compile(r"[\W_]+")


def generic(text: str) -> bool:
    """A link text that names no paper: `pdf`, `code`, `reading-notes`, `论文`, a site and
    a name (`语雀-AlexNet`), or a label with a venue and year (`pdf: NIPS 2013`)."""
    cleaned = _NON_WORD.sub(" ", text).strip().lower()
    if not cleaned or cleaned in GENERIC_LINK_TEXT:
        return True
    first = cleaned.split()[0]
    if first == "see" or _URL.fullmatch(text.strip()):
        return True
    # A label with a stamp starts with a generic word; a site label holds a dash or colon.
    return (first in GENERIC_LINK_TEXT and label_stamp(text) is not None) or (
        _SITE_LABEL.match(text) is not None
    )


def label_stamp(text: str) -> tuple[str | None, int | None] | None:
    """`pdf: NIPS 2013` -> (NIPS, 2013), `paper 2019` -> (None, 2019): a generic label with
    the venue and year of what it links to; None for anything else."""
    match = _LABEL_THEN_STAMP.match(text)
    if match is None or match.group(1).lower().replace("-", " ") not in GENERIC_LINK_TEXT:
        return None
    rest = match.group(3)
    year = re.fullmatch(r"((?:19|20)\d{2})", rest)
    if year:
        return None, int(year.group(1))
    stamp = venue_stamp(rest)
    # `Code Llama 2023` is a title; `code: CVPR 2023` and `pdf NIPS 2013` are labels.
    if stamp is None or not (match.group(2) or VENUE_YEAR.fullmatch(rest)):
        return None
    return stamp


#: `RAL 2023`, `CIDR'25`, `Neurips'25`, `Arxiv/2509`, `arXiv 2305`, `ICLR 2025 Oral`: a
#: venue, known or not, and when (a year, or the year and month of an arXiv listing).
_STAMP = re.compile(
    r"^\s*((?=[\w&.\-]*[A-Za-z])[A-Za-z0-9][\w&.\-]*(?:\s+[A-Za-z][\w&.\-]*){0,3}?)(?:"
    r"(?:\s*['’/]\s*|(?<=[A-Za-z])(?=\d))((?:19|20)\d{2}|\d{2})(?:[-./]?(?:0[1-9]|1[0-2]))?"
    r"|\s+((?:19|20)\d{2})(?:[-./]?(?:0[1-9]|1[0-2]))?|\s+(\d{2})(?:[-./]?(?:0[1-9]|1[0-2])))"
    r"(?:\s+(?:oral|spotlight|poster|highlight|workshop|talk|best paper\b.*))?\s*$",
    re.I,
)


def venue_stamp(text: str) -> tuple[str, int] | None:
    """A venue and its year written as a tag or a table cell: (`RAL`, 2023) from `RAL 2023`,
    (`arXiv`, 2025) from `Arxiv/2509`; None when `text` is anything else."""
    match = _STAMP.match(text)
    if match is None:
        return None
    written = match.group(2) or match.group(3) or match.group(4)
    year = full_year(written)
    if year is None:
        return None
    return canonical_venue(match.group(1), written), year


def trim_url(url: str) -> str:
    """A URL found in running text, without the `)` of the Markdown link around it or a
    full stop after it."""
    url = url.rstrip(".,;:!?，。；")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1]
    while url.endswith("]") and url.count("]") > url.count("["):
        url = url[:-1]
    return url


def _take_label_stamp(head: Head, label: str) -> None:
    """`[pdf: NIPS 2013](...)`: the venue and year a generic link's label states."""
    stamp = label_stamp(label)
    if stamp is not None:
        head.venue = head.venue or stamp[0]
        head.year = head.year or stamp[1]


def _take_year_venue(head: Head, text: str, *, anywhere: bool = False) -> str:
    if not _ANY_DIGIT_OR_BRACKET.search(text):
        return text  # no year and no tag: the common case, kept cheap
    match = _YEAR_PREFIX.match(text)
    if match:
        head.year = head.year or int(match.group(1))
        text = text[match.end():]
    for match in list(VENUE_TAG.finditer(text)):
        venue = match.group(1) or match.group(4)
        year = match.group(2) or match.group(3)
        head.venue = head.venue or canonical_venue(venue, year)
        if year and head.year is None:
            head.year = full_year(year)
        text = text.replace(match.group(0), " ")
    match = _YEAR_PAREN.search(text)
    if match:
        head.year = head.year or int(match.group(1))
        text = text.replace(match.group(0), " ")
    for match in list(VENUE_YEAR.finditer(text)):
        before, after = text[: match.start()].strip(), text[match.end():].strip()
        glued = not before or not after or before.endswith(("-", ",", "|", "—", ".")) or after.startswith(
            ("-", ",", "|", "—", ".")
        )
        if glued or anywhere:
            head.venue = head.venue or canonical_venue(match.group(1), match.group(2))
            head.year = head.year or full_year(match.group(2))
            text = text[: match.start()] + " " + text[match.end():]
    return text


_EMPTY_LABEL = re.compile(r"\[\s*(?:link|pdf|paper|code|arxiv)?\s*\]", re.I)
_CJK_PARENS = re.compile(rf"[(（][^()（）]*[{CJK_CHARS}][^()（）]*[)）]")
_BRACKETED = re.compile(r"\[([^\[\]]+)\]")
_LATIN_START = re.compile(r"[A-Za-z0-9\"'“]")
_GLUED_YEAR = re.compile(r"(?:19|20)\d{2}$")
_EMPTY_BRACKETS = re.compile(r"\s*\([\s,;|]*\)|\s*\[[\s,;|]*\]")
_SPACES = re.compile(r"\s+")
_AKA = re.compile(r"\s+(?:aka|a\.k\.a\.)\s+(\S+(?:\s+\S+)?)$", re.I)


def _clean_title(head: Head, title: str, links: list[Link] | tuple[Link, ...]) -> str:
    if title[:1].isdigit():
        stated = read_date(title)
        if stated is not None and stated.precise and stated.rest:
            head.date = stated
            title = stated.rest
        elif stated is not None and stated.rest and len(words(stated.rest)) >= 2:
            # `_2016.09_ Title`: a month before a title dates the paper (the list is kept in
            # the order the papers came out), not the reading of it.
            head.year = head.year or stated.date.year
            title = stated.rest
    for link in links:
        if generic(link.text) and link.text:
            _take_label_stamp(head, link.text)
            title = title.replace(link.text, " ")
        elif link.text and _link_label(link, head.plain):
            title = re.sub(rf"\[[^\[\]]*{re.escape(link.text)}[^\[\]]*\]", " ", title)
    for url in head.urls:
        title = title.replace(url, " ")
    title = _MALFORMED.sub(" ", title)
    title = _URL.sub(" ", title)
    title = _take_year_venue(head, title)
    title, short_name, stated_ids = leading_bracket(title)
    if short_name is not None:
        # `**[UpdateNet]** Title`, `“[Top]Title”`: a short name or a tag before the title.
        head.short_name = short_name
        if short_name != "[]":
            head.remark = (short_name + " " + head.remark).strip()
    head.stated_ids.update(stated_ids)
    title = _EMPTY_LABEL.sub(" ", title)
    # Parentheses holding another script are a remark, not part of the title.
    for match in list(_CJK_PARENS.finditer(title)):
        head.remark = (head.remark + " " + match.group(0)).strip()
        title = title.replace(match.group(0), " ")
    title = NUMBERING.sub("", title.strip(), count=1)
    title = _TITLE_LABEL.sub("", title, count=1)
    bracketed = _BRACKETED.fullmatch(title.strip())
    if bracketed:  # `* [NAO]`: a name in brackets that never got its link
        title = bracketed.group(1)
    title = _take_year_venue(head, title)
    first = CJK_RUN.search(title)
    if first and _LATIN_START.match(title.strip()):
        cut = first.start()
        glued_year = _GLUED_YEAR.search(title[:cut])
        if glued_year:
            cut = glued_year.start()
        head.remark = (title[cut:].strip() + " " + head.remark).strip()
        title = title[:cut]
    title = _SPACES.sub(" ", _EMPTY_BRACKETS.sub(" ", title)).strip()
    title = _take_trailing_venue(head, title)
    title, groups = trailing_brackets(title)
    head.trailing += groups
    for group in groups:
        # `Title[SC'22][ByteDance]`: a venue and year, known or not (`[NDSS'18]`), or an
        # affiliation (kept in the notes).
        stamp = venue_stamp(group.strip(" []【】")) if head.venue is None else None
        if stamp is not None:
            head.venue, head.year = stamp[0], head.year or stamp[1]
            continue
        left = _take_year_venue(head, group).strip()
        if left:
            head.remark = (head.remark + " " + left).strip()
    title = title.strip(" -–—|:,;*_~`，；：、").strip()
    if title.endswith(".") and not title.endswith((" al.", "etc.", "...")):
        title = title[:-1].rstrip()
    while title.endswith("(") or (title.endswith(")") and title.count(")") > title.count("(")):
        title = title[:-1].rstrip()
    title = title.lstrip(")] ")
    aka = _AKA.search(title)
    if aka and len(title[: aka.start()].split()) >= 3:
        head.remark = (title[aka.start():].strip() + " " + head.remark).strip()
        title = title[: aka.start()]
    suffix = _NOTES_SUFFIX.search(title)
    if suffix and suffix.start() > 0:
        # `Title 论文笔记`, `Title (notes)`: what the link leads to, not part of the name.
        head.remark = (suffix.group(0).strip() + " " + head.remark).strip()
        title = title[: suffix.start()]
    return _unpaired_quotes(title.strip())


_NOTES_SUFFIX = re.compile(
    r"\s*(?:[(（\[【]\s*(?:(?:my |reading |paper )?notes?|笔记|论文笔记|读书笔记|阅读笔记)\s*[)）\]】]"
    r"|(?:论文笔记|读书笔记|阅读笔记|学习笔记|笔记))$",
    re.I,
)
#: Each quote mark and the marks that pair with it (`„` closes with `“` in German).
_OPENS = {"“": "”", "„": "“”", "«": "»", "‹": "›", "「": "」", "『": "』", '"': '"'}
_CLOSES = {"”": "“„", "»": "«", "›": "‹", "」": "「", "』": "『", '"': '"'}


def _unpaired_quotes(title: str) -> str:
    """`“Ask Me Anything: ...` (the closing quote left outside the bold): a quote mark that
    opens or closes nothing in the title is not part of it."""
    first = title[:1]
    if (first in _CLOSES and first not in _OPENS) or (
        first in _OPENS and not any(mark in title[1:] for mark in _OPENS[first])
    ):
        title = title[1:].lstrip()
    last = title[-1:]
    if (last in _OPENS and last not in _CLOSES) or (
        last in _CLOSES and not any(mark in title[:-1] for mark in _CLOSES[last])
    ):
        title = title[:-1].rstrip()
    return title


#: `Paper: [Title](...)`, `<i>Title</i>: <a ...>Title</a>`, `题目：...`: a label before the title.
_TITLE_LABEL = re.compile(r"^\s*[*_]*(?:paper|title|论文|题目|标题)[*_]*\s*[:：]\s*", re.I)


#: `Title, Neural Computation 2006`, `Title, ICLR Workshop 2016`, `Title, arXiv`: the last
#: comma-set part of a plain title naming where (and when) it appeared.
_TRAILING_VENUE = re.compile(
    r",\s*((?:[A-Z][\w&.\-]*|arXiv|\([A-Z]+\))(?:\s+(?:[A-Z][\w&.\-]*|\([A-Z]+\)|of|on|and|in)){0,4})"
    r",?\s*((?:19|20)\d{2})?$"
)


def _take_trailing_venue(head: Head, title: str) -> str:
    match = _TRAILING_VENUE.search(title)
    if match is None or len(words(title[: match.start()])) < 3:
        return title
    venue, year = match.group(1), match.group(2)
    if year is None and venue.lower() != "arxiv":
        return title
    head.venue = head.venue or canonical_venue(venue, year)
    head.year = head.year or full_year(year)
    return title[: match.start()].rstrip()


#: `..., Intelligent Vehicles (IV), 2017` after a linked title: a year closing the remark.
#: `, arXiv` / `, ICLR` after a linked title: a venue named alone.
_VENUE_ALONE = re.compile(rf"^\s*,\s*({_VENUE_ALT})\s*$")

_CLOSING_YEAR = re.compile(r"(?:^|[,\s])((?:19|20)\d{2})\s*[)\]）】]?$")


def _without_links(head: Head, text: str, links: list[Link] | tuple[Link, ...]) -> str:
    """`text` without the line's URLs and generic link labels (`pdf`, `code`); a label's
    venue stamp (`pdf: NIPS 2013`) fills `venue` and `year` first."""
    for url in head.urls:
        text = text.replace(url, " ")
    for link in links:
        if generic(link.text) and link.text:
            _take_label_stamp(head, link.text)
            text = text.replace(link.text, " ")
    return _MALFORMED.sub(" ", text)


def _clean_rest(head: Head, rest: str, links: list[Link] | tuple[Link, ...]) -> str:
    if not rest:
        return ""
    stated = read_date(rest.strip()) if rest.strip()[:1].isdigit() else None
    if stated is not None and stated.precise:
        head.date = head.date or stated
        rest = stated.rest
    rest = _without_links(head, rest, links)
    alone = _VENUE_ALONE.match(rest)
    if alone and head.venue is None:
        # `[Title](...), arXiv`: the citation's venue, with no year after it.
        head.venue = canonical_venue(alone.group(1))
        return ""
    rest = _take_year_venue(head, rest, anywhere=True)
    rest = _take_authors(head, rest)
    rest = trim_ends(re.sub(r"\s+", " ", close_gaps(rest)))
    closing = _CLOSING_YEAR.search(rest)
    if closing is not None and head.year is None:
        head.year = int(closing.group(1))
    return rest if (words(rest) or has_cjk(rest)) else ""


#: `... by A. Author, B. Author and C. Author et al.` closing the text after a title.
_BY_NAMES = re.compile(
    r"(?:^|(?<=[\s:;,(\-–—]))by\s+(?:by\s+)?([^()\[\]<>:;|]+?)[\s\-–—|.,;:]*(?::[a-z0-9_+\-]+:?\s*)*$"
)
_THEN_BY = re.compile(r"[\s*_\"”’'.,:\-–—]*by\s", re.I)
_ET_AL = re.compile(r"\s*,?\s*(?:et\.?\s*al\.?|etc\.?)\s*$", re.I)
_NAME_PART = re.compile(r"[^\W\d_][\w.'’\-]*")
_NOT_A_NAME = _STOP | {"team", "group", "lab", "my", "our", "his", "her", "their", "me", "us",
                       "way", "hand", "far", "default", "example", "design", "itself", "myself"}


def _take_authors(head: Head, rest: str) -> str:
    """`by A. Author, B. Author and C. Author` after a set-off title: the paper's authors.
    The words stay in the head line; the remark keeps only what came before `by`."""
    if not head.set_off and not any(link.text.strip() == head.title for link in head.links):
        return rest
    at = head.plain.find(head.title) if head.title else -1
    if at < 0 or not _THEN_BY.match(head.plain, at + len(head.title)):
        return rest  # "... is shown by *Title* (Author et al.)": the title is cited in a sentence
    match = _BY_NAMES.search(rest)
    if match is None:
        return rest
    names = []
    for part in re.split(r"\s*(?:,|;|&|\band\b)\s*", _ET_AL.sub("", match.group(1))):
        name = part.strip(" .")
        if not name:
            continue
        tokens = name.split()
        if not 1 <= len(tokens) <= 6 or not tokens[0][0].isupper() or any(
            not _NAME_PART.fullmatch(t) or t.lower() in _NOT_A_NAME for t in tokens
        ):
            return rest
        names.append(name)
    if not names:
        return rest
    head.authors = names
    return rest[: match.start()]


def _italic_title(emphasis: tuple[tuple[int, str], ...], plain: str, work: str) -> str | None:
    """` *Title* by Author - 🔘`: words in italics that open the line (after a date, if any)
    are its title when `by` and names follow them, or nothing but marks does."""
    for begin, text in emphasis[:1]:
        before, after = plain[:begin], work[work.find(text) + len(text):] if text in work else ""
        if len(words(text)) < 2 or words(re.sub(r"(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}", " ", before)):
            return None
        if _BY_NAMES.match(after.strip()) or not (words(after) or has_cjk(after)):
            return text.strip()
    return None


def full_year(text: str | None) -> int | None:
    if not text:
        return None
    value = int(text)
    if len(text) == 2:
        value += 2000 if value < 50 else 1900
    return value if 1900 <= value <= 2100 else None


def canonical_venue(name: str, year: str | None = None) -> str:
    compact = re.sub(r"\s+", " ", name).strip()
    for venue in VENUES:
        if venue.lower().replace(" ", "") == compact.lower().replace(" ", ""):
            compact = venue
            break
    if compact in {"NIPS", "NeurIPS"}:
        full = full_year(year)
        return "NeurIPS" if full is None or full >= 2018 else "NIPS"
    return compact
