"""What notebooks write around a title that is not the title: brackets, durations, phrases.

A short name or an id in brackets before it (`**[UpdateNet]** Title`, `[arXiv:1710.10196]
Title`, `“[Top]Title”`), bracket groups after it (`Title[NIPS'19][Baidu]`), a time log's
duration before a task (`_1.5 hours_ Read ...`), "Read the X paper" around a name, and a
paper's address at the start of a line (`https://arxiv.org/pdf/2004.05150.pdf 著名 longformer`).
`head.py` calls these while it reads a line; what they take off goes to the paper's
remark (its notes), never away.
"""

from __future__ import annotations

import re

from paperlog.ids import normalize_arxiv, normalize_doi
from paperlog.text import has_cjk

#: `[UpdateNet] `, `[] `, `[arXiv:1710.10196] `, `[Top]` glued to the title: a bracket group
#: opening a title (never a link: links are gone from the plain text by now).
_LEADING = re.compile(r"^\s*\[([^\[\]]{0,40})\]\s*(?=\S)")
_ARXIV_TAG = re.compile(r"^\s*(?:arxiv\s*[:：]?\s*)?(\d{4}\.\d{4,5}(?:v\d+)?)\s*$", re.I)
_DOI_TAG = re.compile(r"^\s*(?:doi\s*[:：]?\s*)(10\.\d{4,9}/\S+)\s*$", re.I)
_NAME_CHAR = re.compile(r"[^\W_]")
#: `[pdf] Title`: a link's label left without its link, not a short name.
_LINK_LABELS = frozenset({"link", "pdf", "paper", "code", "arxiv"})


def leading_bracket(title: str) -> tuple[str, str | None, dict[str, str]]:
    """`[SiamFC++] SiamFC++: Towards ...` -> the title without the bracket, the bracket as
    written when it held a short name (`[SiamFC++]`, or `[]` left blank; for the remark),
    and the ids it stated (`[arXiv:1710.10196]`); the title as given, None and no ids when
    no such bracket opens it. A number (`[12] Title`) is left to the numbering rules."""
    match = _LEADING.match(title)
    if match is None:
        return title, None, {}
    content = match.group(1).strip()
    rest = title[match.end():]
    arxiv = _ARXIV_TAG.match(content)
    if arxiv:
        ident = normalize_arxiv(arxiv.group(1))
        return rest, None, ({"arxiv": ident} if ident else {})
    doi = _DOI_TAG.match(content)
    if doi:
        ident = normalize_doi(doi.group(1))
        return rest, None, ({"doi": ident} if ident else {})
    if content and (content.isdigit() or not _NAME_CHAR.search(content) or len(content.split()) > 3
                    or content.lower() in _LINK_LABELS):
        return title, None, {}
    return rest, f"[{content}]", {}


#: `Title[SC'22][ByteDance]`, `Title [Baidu]`: bracket groups closing a title.
_TRAILING = re.compile(r"\s*\[([^\[\]]{1,40})\]\s*$")


def trailing_brackets(title: str) -> tuple[str, list[str]]:
    """`LightSeq2: Accelerated Training ...[SC'22][ByteDance]` -> the title without the
    bracket groups that close it, and those groups, in order. A group stays when taking
    it would leave fewer than three words, or when it holds more than four words."""
    taken: list[str] = []
    while True:
        match = _TRAILING.search(title)
        if match is None or len(match.group(1).split()) > 4:
            break
        rest = title[: match.start()].rstrip()
        if len(re.findall(r"[A-Za-z]+", rest)) < 3:
            break
        taken.insert(0, match.group(0).strip())
        title = rest
    return title, taken


#: `_1.5 hours_ `, `2h `, `(30 min) `: the time a time log's entry took, before the task.
DURATION = re.compile(
    r"^\s*[(（]?\s*\d{1,3}(?:[.,]\d{1,2})?\s*(?:hours?|hrs?|h|minutes?|mins?)\b\s*[)）]?\s*(?=\S)",
    re.I,
)

#: "Read the X paper", `Read Pix2Vox paper`, `Read the paper "X"`: a line saying it read a
#: paper and naming it. Not "Read about X", "Read papers on X", "Read Smith's paper".
_READ_PHRASE = re.compile(
    r"^(?:read|reading|re-?read|finished reading)\s+(?:the\s+)?(?P<lead>papers?\s+)?"
    r"(?P<q>[\"“])?(?P<name>.+?)(?(q)[\"”]|)\s*[.]?\s*(?P<tail>\bpaper)?\s*[.!]?$",
    re.I,
)
_NOT_A_NAME = re.compile(
    r"^(?:about|on|up|through|over|more|some|a few|several|many|all|my|his|her|their|our|"
    r"papers?|articles?|it|this|that|these|those|again|and|but|then)\b",
    re.I,
)


def read_phrase(text: str) -> str | None:
    """The name in "Read the Pix2Vox paper" / `Read the paper "Title."`: said outright, the
    word "paper" before or after it, or the name in quotes, or a title in title case of
    four words or more (`Read Occupancy Networks: Learning ...`). None for anything else."""
    match = _READ_PHRASE.match(text.strip())
    if match is None:
        return None
    name = match.group("name").strip().rstrip(".").strip()
    if not name or _NOT_A_NAME.match(name) or re.search(r"['’]s$", name) or has_cjk(name):
        return None
    if re.search(r"[.?!;]\s|[?;]$", name) or (match.group("lead") or "").strip().lower() == "papers":
        return None  # a sentence goes on after it: "Reading paper is on the list. Then ..."
    if match.group("q") or (match.group("tail") and not match.group("lead")):
        # A name is capitalised or has a digit (`Pix2Vox`, `3D car shape ...`): "Read the
        # guidance paper" names none.
        return name if re.search(r"[A-Z0-9]", name) else None
    return name if _title_cased(name) and re.match(r"[A-Z0-9]", name) else None


def _title_cased(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w'’\-]*", text)
    content = [w for w in words if w.lower() not in {"a", "an", "the", "of", "for", "and", "in",
                                                      "on", "to", "with", "via", "from", "by"}]
    return len(words) >= 4 and bool(content) and (
        sum(1 for w in content if w[0].isupper()) / len(content) >= 0.6
    )


#: A paper's address opening a line of plain text: `https://arxiv.org/pdf/2004.05150.pdf ...`.
LEADING_URL = re.compile(r"^\s*<?((?:https?|file)://[^\s<>]+?)>?(?=\s|$)")
#: `file:///home/me/Downloads/2403.04931.pdf`: a local copy, named as arXiv names its PDFs.
_ARXIV_PDF_NAME = re.compile(r"/(\d{4}\.\d{4,5})(?:v\d+)?\.pdf$", re.I)


def local_pdf_ids(url: str) -> dict[str, str]:
    """The arXiv id in the name of a local PDF (`file:///.../2403.04931.pdf`), if it has one."""
    match = _ARXIV_PDF_NAME.search(url) if url.startswith("file:") else None
    return {"arxiv": match.group(1)} if match else {}


def describes(text: str) -> bool:
    """Is the text after a bare address a description rather than the paper's name? A
    sentence in another script (`著名 longformer`), or plain lower-case words with no
    capital, digit or dash (`survey`, `emergent ability`); `X-LoRA`, `orca-1`, `Towards
    LLMs as operating systems` name papers."""
    text = text.strip()
    if not text or has_cjk(text[:1]):
        return True
    latin = re.sub(r"[^\x00-\u024f]+.*$", "", text).strip()
    return bool(latin) and latin == latin.lower() and not re.search(r"[\d\-]", latin)
