"""Every identifier paperlog knows: recognise it, normalise it, pull it out of a URL.

Used by the importer (links in notebooks), the metadata sources (what to ask for),
`check` (is this link what it claims) and `add` (what did the user paste).

Normal forms, which are also the keys of `Paper.ids`:

    arxiv       1706.03762, hep-th/9901001        (no `arXiv:` prefix, no version)
    doi         10.1145/3503161.3547915           (lower case, no resolver prefix)
    openreview  sKc6fgce1zs                       (the forum / note id)
    pmlr        v139/radford21a
    acl         2020.acl-main.463, P19-1001
    neurips     2017/7181                         (year/number) or the 32-hex hash
    cvf         CVPR2021/Ding_Diverse_Branch_...  (conference+year / paper stem)
    pmid        31452104
    s2          40-hex Semantic Scholar paper id
    dblp        conf/nips/VaswaniSPUJGKP17
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import SplitResult, parse_qs, unquote, urlsplit

ARXIV_NEW = re.compile(r"(?<![\w.])(\d{4}\.\d{4,5})(v\d+)?(?![\d])")
ARXIV_OLD = re.compile(r"(?<![\w])([a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(v\d+)?(?!\d)", re.I)
DOI = re.compile(r"(10\.\d{4,9}/[^\s\"<>]+)")

#: Query-string keys that redirect wrappers (zhihu, google, outlook safelinks...) use.
_REDIRECT_KEYS = ("target", "url", "u", "q", "to", "dest", "redirect")


def _split(url: str) -> SplitResult:
    """`urlsplit` that never raises: text that is not a URL (`http://x)[x]`) splits to nothing."""
    try:
        return urlsplit(url)
    except ValueError:
        return SplitResult("", "", "", "", "")


@dataclass(frozen=True)
class Identifier:
    """What a pasted string turned out to be: `kind` is an `ids` key, `url`, or `title`."""

    kind: str
    value: str


def normalize_arxiv(text: str) -> str | None:
    """The arXiv id in `text` (bare, `arXiv:` prefixed, or an abs/pdf/html URL), unversioned."""
    found = split_arxiv(text)
    return found[0] if found else None


_ARXIV_PREFIX = re.compile(r"^arxiv:\s*", re.I)
_ARXIV_PATH = re.compile(r"^/(?:abs|pdf|html|format|ps)/|\.pdf$")


def split_arxiv(text: str) -> tuple[str, str] | None:
    """(`1706.03762`, `v5`) for anything naming an arXiv id; version may be ``""``."""
    text = text.strip()
    text = _ARXIV_PREFIX.sub("", text)
    if "://" in text:
        parts = _split(text)
        if "arxiv" not in parts.netloc.lower():
            return None
        text = parts.path
        text = _ARXIV_PATH.sub("", text)
    match = ARXIV_NEW.search(text)
    if match:
        return match.group(1), match.group(2) or ""
    match = ARXIV_OLD.search(text)
    if match:
        return match.group(1), match.group(2) or ""
    return None


def looks_like_arxiv_id(text: str) -> bool:
    text = re.sub(r"^arxiv:\s*", "", text.strip(), flags=re.I)
    return bool(
        re.fullmatch(r"\d{4}\.\d{4,5}(v\d+)?", text)
        or re.fullmatch(r"[a-z][a-z\-]*(\.[A-Z]{2})?/\d{7}(v\d+)?", text, re.I)
    )


def normalize_doi(text: str) -> str | None:
    """The DOI in `text` (bare, `doi:`, a doi.org URL, or a publisher page), lower case."""
    text = unquote(text.strip())
    match = DOI.search(text)
    if not match:
        return None
    doi = match.group(1)
    # Publisher pages append views and files after the DOI itself.
    doi = re.sub(r"[/?#](abstract|full|pdf|epdf|fulltext)(/.*)?$", "", doi, flags=re.I)
    doi = re.sub(r"\.pdf$", "", doi, flags=re.I)
    doi = doi.rstrip(".,;)]}")
    return doi.lower()


def unwrap_redirect(url: str) -> str:
    """`https://link.zhihu.com/?target=https%3A//arxiv.org/...` -> the target URL."""
    for _ in range(3):  # wrappers can nest
        parts = _split(url)
        if not parts.query:
            return url
        query = parse_qs(parts.query)
        inner = next(
            (
                query[key][0]
                for key in _REDIRECT_KEYS
                if key in query and re.match(r"https?:/{1,2}", unquote(query[key][0]))
            ),
            None,
        )
        if inner is None:
            return url
        url = re.sub(r"^(https?:)/(?!/)", r"\1//", unquote(inner))
    return url


_SCHEMELESS = re.compile(r"^(?:www\.)?[a-z0-9\-]+(?:\.[a-z0-9\-]+)+/", re.I)


def ids_from_url(url: str) -> dict[str, str]:
    """Every identifier a link names; empty when it names none we know."""
    url = url.strip()
    if "://" not in url and _SCHEMELESS.match(url):
        url = "https://" + url  # `arxiv.org/abs/...` pasted without its scheme
    url = unwrap_redirect(url)
    parts = _split(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = unquote(parts.path)
    query = parse_qs(parts.query)
    found: dict[str, str] = {}
    mirror = re.match(r"/(?:papers|arxiv|abs|html)/(\d{4}\.\d{4,5})(?:v\d+)?/?$", path)
    if mirror and (host in {"huggingface.co", "semanticscholar.org", "ar5iv.org"}
                   or host.endswith(".semanticscholar.org")):
        # arXiv mirrors and listings that name a paper by its arXiv id.
        found["arxiv"] = mirror.group(1)

    if "arxiv.org" in host or host.endswith("alphaxiv.org"):
        arxiv = normalize_arxiv("https://arxiv.org" + path)
        if arxiv:
            found["arxiv"] = arxiv
    elif host == "openreview.net":
        ident = (query.get("id") or [""])[0]
        if ident:
            found["openreview"] = ident
    elif host in {"doi.org", "dx.doi.org"} or "/doi/" in path:
        doi = normalize_doi(path)
        if doi:
            found["doi"] = doi
    elif host == "proceedings.mlr.press":
        match = re.match(r"/(v\d+)/([\w\-]+?)(?:\.html|\.pdf|/[\w\-]+\.pdf)?$", path)
        if match:
            found["pmlr"] = f"{match.group(1)}/{match.group(2)}"
    elif host in {"aclanthology.org", "aclweb.org"}:
        match = re.search(r"/([A-Z]\d{2}-\d{4}|\d{4}\.[\w\-]+\.\d+)(?:\.pdf)?/?$", path)
        if match:
            found["acl"] = match.group(1)
    elif host in {"papers.nips.cc", "proceedings.neurips.cc", "papers.neurips.cc"}:
        match = re.search(r"/paper(?:_files/paper)?/(\d{4})/(?:hash|file)/([0-9a-f]{32})", path)
        if match:
            found["neurips"] = match.group(2)
        else:
            match = re.search(r"/paper/(\d+)-", path)
            if match:
                found["neurips"] = match.group(1)
    elif host == "openaccess.thecvf.com":
        match = re.search(
            r"/content(?:_|/)([A-Za-z]+)_?(\d{4})/\w+/(?:\w+/)?([\w\-]+?)(?:_paper)?\.(?:html|pdf)$", path
        )
        if match:
            found["cvf"] = f"{match.group(1).upper()}{match.group(2)}/{match.group(3)}"
    elif host in {"pubmed.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov"}:
        match = re.search(r"/(\d{5,9})/?$", path)
        if match:
            found["pmid"] = match.group(1)
    elif host in {"semanticscholar.org", "api.semanticscholar.org"}:
        match = re.search(r"([0-9a-f]{40})", path)
        if match:
            found["s2"] = match.group(1)
    elif host == "dblp.org" or host == "dblp.uni-trier.de":
        match = re.search(r"/rec/(?:bibtex/|html/)?([\w/\-]+?)(?:\.html|\.bib|\.xml)?$", path)
        if match:
            found["dblp"] = match.group(1)
    elif host == "paperswithcode.com":
        # paperswithcode slugs of arXiv papers are the id without its dot: 190503670.
        match = re.match(r"/paper/(\d{4})(\d{4,5})/?$", path)
        if match:
            found["arxiv"] = f"{match.group(1)}.{match.group(2)}"
    if "doi" not in found and host not in {"arxiv.org", "openreview.net"}:
        doi = normalize_doi(path) if "/10." in path else None
        if doi:
            found["doi"] = doi
    arxiv_doi = re.match(r"10\.48550/arxiv\.(\d{4}\.\d{4,5})$", found.get("doi", ""))
    if arxiv_doi and "arxiv" not in found:
        found["arxiv"] = arxiv_doi.group(1)  # arXiv's own DOIs name the same paper
    return found


def venue_from_url(url: str) -> tuple[str | None, int | None]:
    """A venue and year that a proceedings URL states (`CVPR`, 2021), when it states one."""
    url = unwrap_redirect(url)
    parts = _split(url)
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path
    if host == "openaccess.thecvf.com":
        match = re.search(r"/content(?:_|/)([A-Za-z]+)_?(\d{4})", path)
        if match:
            return match.group(1).upper(), int(match.group(2))
    if host in {"papers.nips.cc", "proceedings.neurips.cc", "papers.neurips.cc"}:
        match = re.search(r"/(\d{4})/", path)
        year = int(match.group(1)) if match else None
        return ("NeurIPS" if not year or year >= 2018 else "NIPS"), year
    if host in {"aclanthology.org", "aclweb.org"}:
        match = re.search(r"/(\d{4})\.([a-z]+)-", path)
        if match:
            return match.group(2).upper(), int(match.group(1))
    if host == "proceedings.mlr.press":
        return "PMLR", None
    return None, None


#: Endings of names such as `Node.js/Deno` or `setup.py/pip` that read like a host without
#: `https://` but are a title's words (`.sh`, `.rs` and `.ml` are country domains as well;
#: a link to one keeps its scheme or its `www.`).
_FILE_SUFFIXES = frozenset({"js", "ts", "py", "md", "rs", "go", "sh", "rb", "jl", "ml", "cpp", "hs", "txt"})


def parse_identifier(text: str) -> Identifier:
    """Tell what the user pasted: an id, a URL, or (the rest) a title to search for."""
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):  # a Markdown autolink
        text = text[1:-1].strip()
    cited = re.fullmatch(r"(.+?)\s+\[[A-Za-z\-]+(?:\.[A-Za-z\-]+)?\]", text)
    if cited and looks_like_arxiv_id(cited.group(1)):  # `arXiv:1706.03762 [cs.CL]`, as arXiv cites
        text = cited.group(1)
    if looks_like_arxiv_id(text):
        return Identifier("arxiv", normalize_arxiv(text) or text)
    if re.match(r"^(doi:\s*)?10\.\d{4,9}/\S+$", text, re.I):
        return Identifier("doi", normalize_doi(text) or text)
    bare = re.match(r"^(?:www\.)?[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.([a-z]{2,})/\S*$", text, re.I)
    if bare and (text.lower().startswith("www.") or bare.group(1).lower() not in _FILE_SUFFIXES):
        text = "https://" + text  # a link copied without its scheme: arxiv.org/abs/1706.03762
    if re.match(r"^https?://", text, re.I):
        found = ids_from_url(text)
        for kind in ("arxiv", "doi", "openreview", "pmid", "s2", "dblp", "acl", "pmlr"):
            if kind in found:
                return Identifier(kind, found[kind])
        return Identifier("url", text)
    if re.fullmatch(r"pmid:\s*\d+", text, re.I):
        return Identifier("pmid", text.split(":", 1)[1].strip())
    return Identifier("title", text)


def canonical_url(kind: str, value: str) -> str | None:
    """The URL a reader would open for an identifier."""
    return {
        "arxiv": f"https://arxiv.org/abs/{value}",
        "doi": f"https://doi.org/{value}",
        "openreview": f"https://openreview.net/forum?id={value}",
        "pmid": f"https://pubmed.ncbi.nlm.nih.gov/{value}/",
        "acl": f"https://aclanthology.org/{value}/",
        "pmlr": f"https://proceedings.mlr.press/{value}.html",
        "s2": f"https://www.semanticscholar.org/paper/{value}",
        "dblp": f"https://dblp.org/rec/{value}",
    }.get(kind)


#: The order in which an id stands in for a missing title, and how it is written.
_ID_TITLE_KINDS = (
    ("arxiv", "arXiv"), ("doi", "doi"), ("acl", "ACL"), ("openreview", "OpenReview"),
    ("pmlr", "PMLR"), ("cvf", "CVF"), ("neurips", "NeurIPS"), ("pmid", "PMID"),
    ("dblp", "DBLP"), ("s2", "S2"),
)


def id_title(ids: dict[str, str]) -> str:
    """A stand-in title for a paper known only by its ids (`arXiv:2004.05150`), until
    `paperlog enrich` fetches the real one; empty when there is no id."""
    for kind, label in _ID_TITLE_KINDS:
        if ids.get(kind):
            return f"{label}:{ids[kind]}"
    return ""


def looks_like_id_title(title: str) -> bool:
    """Is `title` written as `id_title` writes a stand-in (`arXiv:2004.05150`, `doi:10.1/x`)?"""
    label, _, value = title.strip().partition(":")
    return bool(value) and " " not in value and label in {name for _, name in _ID_TITLE_KINDS}


def is_id_title(title: str, ids: dict[str, str]) -> bool:
    """Is `title` only one of the paper's own ids, written as `id_title` writes it?"""
    text = title.strip()
    return bool(text) and any(
        ids.get(kind) and text == f"{label}:{ids[kind]}" for kind, label in _ID_TITLE_KINDS
    )
