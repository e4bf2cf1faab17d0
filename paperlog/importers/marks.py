"""Status marks and words on a paper's line, and the stars and rating beside them.

Emoji and shortcodes (`✅`, `:question:`), status words in brackets (`[TODO]`, `【已读】`)
or alone after a linked title (`todo`), a status word in bold leading a work log's line
(`**Done** ...`), stars (`⭐⭐⭐`) and a `(3)` rating. A legend can give marks other
meanings: `classify.py` reads those.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from paperlog.model import Status

if TYPE_CHECKING:
    from paperlog.importers.head import Head

_RATING = re.compile(r"[(（]\s*([1-5])(?:\s*/\s*5)?\s*[)）]\s*$")
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

#: `**Done** Finish the port`, `[**Not Completed**] ...`: a status word in bold leading the line.
_STATUS_LEAD = re.compile(
    r"^\[?(\*\*|__)\s*((?:not|partially|half)?\s*(?:done|completed?|finished|started|in[ -]progress|"
    r"ongoing|pending|postponed|skipped|wip|todo)\b[^*_\]]{0,60}?)\s*\1\]?\s*[:：\-–]?\s*(?=\S)",
    re.I,
)


def leading_status(line: str) -> tuple[str, str, Status] | None:
    """`**Done** Finish the port`: the status word in bold leading `line` (lower-cased), the
    rest of the line, and the status the word gives; None when no such word leads it."""
    lead = _STATUS_LEAD.match(line)
    if lead is None:
        return None
    word = lead.group(2).strip().lower()
    if word.startswith(("not", "partially", "half", "pending", "postponed", "skipped", "todo")):
        status = Status.TO_READ
    elif word.startswith(("started", "in", "ongoing", "wip")):
        status = Status.READING
    else:
        status = Status.READ
    return word, line[lead.end():], status


def take_marks(head: Head, text: str) -> str:
    """Status marks, stars and a `(3)` rating, wherever they sit in `text`, go to `head`;
    returns `text` without them and without other emoji."""
    work = text
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
    return work


def trailing_status(text: str) -> Status | None:
    """`todo`, `待读`: the status a word standing alone says (after a linked title)."""
    match = _TRAILING_STATUS.fullmatch(text)
    if match is None:
        return None
    return _STATUS_WORDS[re.sub(r"[\s-]", "", match.group(1).lower())]
