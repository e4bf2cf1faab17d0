"""The words and marks that tell what a line of a notebook is, when no link says it.

Evidence that notes speak of a paper (`2017年的文章`, "this paper"), chores and study
cues ("summarise ...", "lecture notes"), `Book:` / `Course:` labels, the notebook's own
sentences, legends (`✔️ = read`), reference-list entries, author and link lines under an
entry, names that link to the owner's notes (beside the notebook, or in the repositories
where most of its links lead) and the owner's overview notes. `verdicts.py` and the walk
(`classify.py`, `lists.py`, `paragraphs.py`) weigh them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from paperlog.importers.head import RECORD_START, Head, read_head
from paperlog.importers.links import (
    generic,
    is_paper_link,
    names_a_document,
    repo_document,
    resource_kind,
    trim_url,
)
from paperlog.importers.markdown import inline_parts
from paperlog.importers.titles import title_like, words
from paperlog.model import Status
from paperlog.text import has_cjk

EVIDENCE = re.compile(
    r"^\s*(?:19|20)\d{2}(?:[.\-/]\d{1,2})?\s*(?:年|的|[A-Z]{2,}|,|，|$)|本文|论文|文章|this paper|"
    r"the paper|we propose|they propose|the authors|作者",
    re.I,
)


STUDY_CUE = re.compile(
    r"\b(basics|tutorial|lectures?|course|intro(?:duction)? to|cheat ?sheet|lecture notes)\b", re.I
)


RESOURCE_PREFIX = re.compile(
    r"\s*(?:\[[ xX]\]\s*)?(?:book|course|lecture|tutorial|blog|video|talk|podcast|slides|repo|code|"
    r"书|课程|博客|视频)\s*[:：]",
    re.I,
)


#: `[12] Author, A. "Title." Venue (2015). [pdf](...)`: an entry of a numbered reference list.
CITATION_START = re.compile(r"^\s*(?:\[\d{1,4}\]|\d{1,4}[.)]|[A-Z][\w'\-]+,\s)")


CHORE = re.compile(
    r"(?:(?:todo|tbd|wip|fixme|note|nb|ps)[\s:：]|(?:clean|write|re-?read|read up|summari[sz]e|finish|"
    r"check|review|update|fix|prepare|organi[sz]e|look (?:at|into)|go through|find|ask|email|send|"
    r"submit|make|add|set up|install|run|print|download|buy|reply|plan|collect|sort)\s|整理|总结|阅读|写|看)",
    re.I,
)


#: A diary line that speaks of "the paper" / "read paper" as a thing, rather than naming one:
#: a title capitalises "Paper"; a sentence about reading does not.
TALKS_OF_PAPERS = re.compile(
    r"(?:^|\s)(?i:the|a|this|that|my|read|reading|to read)\s+papers?\b(?!\s*[:：]\s*\S)"
    r"|^\s*(?i:start(?:ed|ing)?|began|finish(?:ed)?)\s+(?:to\s+)?(?i:read|reading)\b"
)

#: A line written as a sentence: in the first person, or ending with a full stop (a
#: title line ends without one; a citation's has its title set off or numbered).
PROSE = re.compile(r"\b(?:I|I'(?:ve|m|d|ll)|my|me)\b|(?<!\bal)(?<!etc)(?<!\.)\.$")


LEGEND = re.compile(r"[=：:→⇒]|->|表示|means|stands for", re.I)


LEGEND_WORDS: tuple[tuple[str, Status], ...] = (
    (r"not (?:yet )?read|unread|to[- ]?read|todo|未读|待读|没读", Status.TO_READ),
    (r"reading|in progress|在读|正在|进行中", Status.READING),
    (r"read|done|finished|completed|已读|读完|读过|完成", Status.READ),
    (r"dropped|放弃", Status.DROPPED),
)


def named_kind(head: Head) -> str | None:
    """`Book: ...`, `Course: ...`, `《书名》`: what the line says it is."""
    if head.quoted and book_like(head):
        return "book"
    match = RESOURCE_PREFIX.match(head.plain)
    if not match:
        return None
    word = re.sub(r"[\s:：\[\]xX]", "", match.group(0)).lower()
    return {"书": "book", "课程": "course", "博客": "blog", "视频": "video", "lecture": "course",
            "tutorial": "course", "talk": "video", "podcast": "video", "slides": "document",
            "code": "repo"}.get(word, word)


_ITALIC_LINE = re.compile(r"^\s*([*_])[^*_].*\1\s*$")


def entry_detail(lines: list[str]) -> bool:
    """Lines that only add to the entry above them: its authors in italics, or its links."""
    for line in (line for line in lines if line.strip()):
        if _ITALIC_LINE.match(line):
            continue
        head = read_head(line.strip())
        leftover = head.plain
        for link in head.links:
            leftover = leftover.replace(link.text, " ")
        if not head.links or any(not generic(w) for w in words(leftover)):
            return False
    return True


def only_links(head: Head) -> bool:
    """`[[Paper](...)] [[Code](...)]`: a line of links under generic names, nothing else."""
    leftover = head.plain
    for link in head.links:
        if not generic(link.text):
            return False
        leftover = leftover.replace(link.text, " ")
    return all(generic(word) for word in words(leftover))


def names_its_notes(head: Head, own: frozenset[str] = frozenset()) -> bool:
    """`- [x] [BERT](notes/bert.md)`, `[A Title](.../blob/main/a-title.md)`: the owner's notes
    on a paper, linked from its name (or a folder of the notebook's `own` repositories). A
    one-word name counts when a task box or a status mark says it is read or to be read;
    names in Chinese are more often topics, and a name that calls itself notes or a list
    ("Notes on ...", "List of papers ...") is an overview, not a paper."""
    title = head.title
    own_notes = in_own_repo(head, own)
    if not (head.titles_notes or own_notes) or has_cjk(title[:1]) or generic(title):
        return False
    if CHORE.match(title) or overview(head):
        return False
    return (title_like(title, min_words=2) or head.checkbox is not None or bool(head.marks)
            or head.notes_named_after_title or own_notes)


#: "My notes on optimisers", "Notes on setting up a cluster", "Handy shell notes", "List of
#: papers on graphs": the owner's overview notes, named as notes or as a list. ("A Note on
#: Two Problems in ..." and an acronym such as "NOTE: ..." open paper titles.)
_OVERVIEW_NAME = re.compile(
    r"^(?:my|learning|study|reading|review|useful|quick)\s+notes\b|^notes\s+(?:on|of|about|for)\s"
    r"|\bnotes$|^(?:a\s+)?list\s+of\b|\b(?:paper|reading)\s+list\b",
    re.I,
)


def overview(head: Head) -> bool:
    """A name linking to the owner's notes that calls itself notes or a list of papers (and
    gives no year or venue, as `Notes on Tensor Programs (2019.05)`, a paper, would)."""
    return (head.titles_notes and not (head.year or head.venue)
            and _OVERVIEW_NAME.search(head.title) is not None)


def in_own_repo(head: Head, own: frozenset[str]) -> bool:
    """The title is the text of a link into one of the notebook's `own` repositories, to a
    folder or document there named by it (`[Paxos](.../tree/master/content/Paxos)`)."""
    if not own or not head.title:
        return False
    for link in head.links:
        repo = repo_document(link.href)
        if repo is not None and repo[0] in own and head.title in link.text and names_a_document(link):
            return True
    return False


def own_repositories(lines: list[str]) -> frozenset[str]:
    """The owners (`github.com/me`) of the repositories where a notebook keeps its notes: when
    most of its links that go deep into a repository, named by a title, go into one, the
    notes there are the owner's, and so are the other repositories of that owner."""
    counts: Counter[tuple[str, str]] = Counter()
    for line in lines:
        if "/tree/" not in line and "/blob/" not in line:
            continue  # the common case, kept cheap
        for link in inline_parts(line).links:
            repo = repo_document(link.href)
            if repo is not None and names_a_document(link):
                counts[repo] += 1
    if not counts:
        return frozenset()
    (owner, _), most = counts.most_common(1)[0]
    return frozenset({owner}) if most >= 3 and 2 * most >= counts.total() else frozenset()


_ENTRY_START = re.compile(r"^\s*(?:[^\w\s\[]{1,3}\s*|:\w+:\s*)?\[")


def paper_entry_line(line: str) -> bool:
    """`❓ [Title](https://arxiv.org/...)`, `[Title](notes/title.md)`: a line that names one
    paper and little more, its name the text of the link; several such lines with no blank
    line between them are several papers, not a paper and its notes."""
    if RECORD_START.match(line):
        return read_head(line.strip()).record
    if not _ENTRY_START.match(line):
        return False  # the common case (a sentence, a note), kept cheap
    head = read_head(line.strip())
    if not head.title or generic(head.title) or len(words(head.remark)) > 4:
        return False
    if not any(head.title in link.text for link in head.links):
        return False
    return bool(head.marks or head.paper_links or head.titles_notes) or head.checkbox is not None


def book_like(head: Head) -> bool:
    """《统计学习方法》: a title all in Chinese, with no paper link, is more often a book."""
    return has_cjk(head.title) and not words(head.title) and not head.paper_links


def is_legend(head: Head) -> bool:
    """`✔️ = read, ❓ = to read`: a line that explains the marks rather than using them."""
    if head.urls or not head.marks or not LEGEND.search(head.plain):
        return False
    return len(head.marks) >= 2 or bool(re.match(r"\s*(legend|key|图例|说明)\b", head.plain, re.I))


def body_resource(body: Iterable[str]) -> str | None:
    for line in list(body)[:3]:
        for match in re.finditer(r"https?://\S+", line):
            # `[Next Title](https://github.com/me/notes/blob/main/next.md)`: the `)` is the
            # link's, and a Markdown file in a repository is notes, not a repository.
            url = trim_url(match.group(0))
            kind = resource_kind(url)
            if kind:
                return kind
            if is_paper_link(url):
                return None
    return None


def entry_shape(head: Head) -> tuple[bool, bool, bool, bool] | None:
    """What a paragraph entry looks like, if it looks like anything: a date before it, its
    title set off (italics, bold, quotes), authors after it, a status mark. A title that is
    a link's text is left out: the link says more than the shape."""
    if any(link.text.strip() == head.title for link in head.links) or not head.title:
        return None
    shape = (head.date is not None, head.set_off, bool(head.authors), bool(head.marks))
    # Setting a line in bold or italics alone makes it no entry: headings-in-bold do that too.
    return shape if shape[0] or shape[2] or shape[3] else None
