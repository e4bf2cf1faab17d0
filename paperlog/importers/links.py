"""What a link on a paper's line leads to: a paper, notes, a resource, or nothing it names.

Paper hosts and ids (`is_paper_link`), the owner's Markdown notes (`is_notes_link`),
documents kept deep in a repository (`repo_document`, `names_a_document`), resources that
are no paper (code, videos, blogs: `resource_kind`), anchors into the same page, and link
texts that name no paper (`generic`: `pdf`, `code`, `pdf: NIPS 2013`, `语雀-AlexNet`).
`trim_url` ends a URL found in running text where the text around it begins.
"""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import unquote, urlsplit

from paperlog.ids import ids_from_url, unwrap_redirect
from paperlog.importers.markdown import Link
from paperlog.importers.titles import title_like, words
from paperlog.importers.venues import VENUE_TAG, VENUE_YEAR, venue_stamp
from paperlog.text import CJK_CHARS, CJK_RUN

_NON_WORD = re.compile(r"[\W_]+")
#: A bare address in running text (`trim_url` ends it).
URL = re.compile(r"https?://[^\s<>\"'`]+")
#: `[text] https://...`: a link written with a space between its parts.
MALFORMED = re.compile(r"\[[^\]]*\]\s+https?://[^\s)]*")

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


def is_pdf_link(href: str) -> bool:
    """A web address of a PDF file (`https://.../paper.pdf?dl=1`)."""
    return href.startswith(("http://", "https://")) and href.split("?")[0].lower().endswith(".pdf")


GENERIC_LINK_TEXT = {
    "link", "links", "pdf", "paper", "arxiv", "code", "github", "here", "post", "project",
    "blog", "slides", "video", "site", "homepage", "html", "abs", "doi", "openreview", "url",
    "web", "page", "source", "repo", "notes", "note", "review", "reading", "论文", "代码", "链接",
    "原文", "地址", "笔记", "博客", "视频", "解读", "tweet", "twitter", "thread", "demo",
    "website", "project page", "talk", "poster", "supplementary", "bibtex", "dataset",
    "reading notes", "paper notes", "my notes", "read notes", "论文笔记", "读书笔记", "阅读笔记",
    "学习笔记", "进入",
    # Where a paper is listed, as a link label: `[semanticscholar](...)`, `[dblp](...)`.
    "semanticscholar", "semantic scholar", "scholar", "google scholar", "dblp", "s2",
    "paperswithcode", "papers with code", "huggingface", "hugging face", "acm", "ieee",
    "springer", "publisher", "zhihu", "知乎", "medium", "youtube", "bilibili",
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


def is_link_label(link: Link, plain: str) -> bool:
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


def generic(text: str) -> bool:
    """A link text that names no paper: `pdf`, `code`, `reading-notes`, `论文`, a site and
    a name (`语雀-AlexNet`), or a label with a venue and year (`pdf: NIPS 2013`)."""
    cleaned = _NON_WORD.sub(" ", text).strip().lower()
    if not cleaned or cleaned in GENERIC_LINK_TEXT:
        return True
    first = cleaned.split()[0]
    if first == "see" or URL.fullmatch(text.strip()):
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


def names_another_work(link: Link, title: str, plain: str) -> bool:
    """A link beside the title named in words of its own (two or more, not a label such as
    `[code]` or `[CVPR 2019]`): `[commentary from A. Author](...)`, `[motivation paper](...)`."""
    text = link.text.strip()
    return (
        bool(title) and title not in text and len(words(text)) >= 2
        and not generic(text) and not is_link_label(link, plain)
        and VENUE_YEAR.fullmatch(text) is None and VENUE_TAG.fullmatch(text) is None
    )


def trim_url(url: str) -> str:
    """A URL found in running text, without the `)` of the Markdown link around it or a
    full stop after it."""
    url = url.rstrip(".,;:!?，。；")
    while url.endswith(")") and url.count(")") > url.count("("):
        url = url[:-1]
    while url.endswith("]") and url.count("]") > url.count("["):
        url = url[:-1]
    return url
