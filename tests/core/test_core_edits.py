"""Changing a field rewrites that field's lines only; everything else stays byte-identical."""

from __future__ import annotations

import datetime as dt
import difflib
from pathlib import Path

import pytest

from paperlog import frontmatter
from paperlog.errors import PaperFileError, WriteConflict
from paperlog.library import Library
from paperlog.model import Status

HAND_WRITTEN = """\
---
# Written by hand; paperlog must keep this comment.
title: 'Attention Is All You Need'   # single-quoted on purpose
authors:
  - "Ashish Vaswani"
  - Noam Shazeer

year: 2017  # NeurIPS
venue: "NeurIPS"
ids: {arxiv: '1706.03762'}
status: to-read
tags: [classic, 'attention']
my_own_key: "keep me"   # unknown keys stay
topics:
- NLP/Transformers
# trailing comment in the front matter
---

My *notes*, with a trailing space\x20
and a tab\there.

- list item
"""


def write(library: Library, key: str, text: str, newline: str = "\n") -> Path:
    path = library.papers_dir / f"{key}.md"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def changed_lines(before: bytes, after: bytes) -> tuple[list[bytes], list[bytes]]:
    """The lines removed from `before` and the lines added in `after`, compared as bytes."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    removed: list[bytes] = []
    added: list[bytes] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            removed += old[i1:i2]
            added += new[j1:j2]
    return removed, added


def test_status_change_touches_one_line(empty_library: Library) -> None:
    path = write(empty_library, "hand", HAND_WRITTEN)
    before = path.read_bytes()
    empty_library.update("hand", {"status": Status.READING})
    removed, added = changed_lines(before, path.read_bytes())
    assert removed == [b"status: to-read\n"]
    assert added == [b"status: reading\n"]


def test_mark_read_adds_read_on_after_status(empty_library: Library) -> None:
    path = write(empty_library, "hand", HAND_WRITTEN)
    before = path.read_bytes()
    empty_library.update("hand", {"status": Status.READ, "read_on": dt.date(2024, 3, 5)})
    after = path.read_bytes()
    removed, added = changed_lines(before, after)
    assert removed == [b"status: to-read\n"]
    assert added == [b"status: read\n", b"read_on: 2024-03-05\n"]
    # canonical order: read_on comes right after status (not before it)
    assert b"status: read\nread_on: 2024-03-05\ntags:" in after


def test_values_keep_their_trailing_comment(empty_library: Library) -> None:
    path = write(empty_library, "hand", HAND_WRITTEN)
    before = path.read_bytes()
    empty_library.update("hand", {"year": 2018})
    removed, added = changed_lines(before, path.read_bytes())
    assert removed == [b"year: 2017  # NeurIPS\n"]
    assert added == [b"year: 2018  # NeurIPS\n"]


def test_flow_list_stays_flow_and_block_list_stays_block(empty_library: Library) -> None:
    path = write(empty_library, "hand", HAND_WRITTEN)
    before = path.read_bytes()
    empty_library.update("hand", {"tags": ["classic", "attention", "nlp"], "topics": ["NLP", "Vision"]})
    after = path.read_bytes()
    removed, added = changed_lines(before, after)
    assert removed == [b"tags: [classic, 'attention']\n", b"- NLP/Transformers\n"]
    assert added[0] == b"tags: [classic, attention, nlp]\n"
    assert [line.strip() for line in added[1:]] == [b"- NLP", b"- Vision"]
    assert b"\ntopics:\n" in after
    assert empty_library.get("hand").tags == ["classic", "attention", "nlp"]


def test_new_known_key_goes_in_canonical_order(empty_library: Library) -> None:
    path = write(empty_library, "hand", HAND_WRITTEN)
    before = path.read_bytes()
    empty_library.update("hand", {"rating": 4, "url": "https://arxiv.org/abs/1706.03762"})
    after = path.read_bytes()
    removed, added = changed_lines(before, after)
    assert removed == []
    assert sorted(added) == [b"rating: 4\n", b"url: https://arxiv.org/abs/1706.03762\n"]
    text = after.decode()
    # url after ids (the last present key before it), rating after topics
    assert "ids: {arxiv: '1706.03762'}\nurl: https://arxiv.org/abs/1706.03762\nstatus:" in text
    assert "- NLP/Transformers\nrating: 4\n# trailing comment" in text


def test_delete_removes_just_that_key(empty_library: Library) -> None:
    path = write(empty_library, "hand", HAND_WRITTEN)
    before = path.read_bytes()
    empty_library.update("hand", {"venue": frontmatter.DELETE})
    removed, added = changed_lines(before, path.read_bytes())
    assert removed == [b'venue: "NeurIPS"\n']
    assert added == []
    assert empty_library.get("hand").venue is None


def test_none_deletes_a_multiline_key(empty_library: Library) -> None:
    path = write(empty_library, "hand", HAND_WRITTEN)
    before = path.read_bytes()
    empty_library.update("hand", {"authors": None})
    removed, added = changed_lines(before, path.read_bytes())
    assert removed == [b"authors:\n", b'  - "Ashish Vaswani"\n', b"  - Noam Shazeer\n"]
    assert added == []


def test_unknown_keys_are_kept(empty_library: Library) -> None:
    path = write(empty_library, "hand", HAND_WRITTEN)
    empty_library.update("hand", {"status": Status.READ, "rating": 5, "tags": ["x"]})
    text = path.read_text("utf-8")
    assert 'my_own_key: "keep me"   # unknown keys stay\n' in text
    assert empty_library.get("hand").extra == {"my_own_key": "keep me"}


def test_notes_and_comments_stay_byte_identical(empty_library: Library) -> None:
    path = write(empty_library, "hand", HAND_WRITTEN)
    before = path.read_bytes()
    empty_library.update("hand", {"status": Status.DROPPED, "rating": 2, "venue": "NIPS"})
    after = path.read_bytes()
    notes = before[before.index(b"\n---\n") :]
    assert after.endswith(notes)
    for line in (
        b"# Written by hand; paperlog must keep this comment.\n",
        b"title: 'Attention Is All You Need'   # single-quoted on purpose\n",
        b'  - "Ashish Vaswani"\n',
        b"\n\nyear:",
        b"# trailing comment in the front matter\n",
    ):
        assert line in after


def test_crlf_file_keeps_crlf_everywhere(empty_library: Library) -> None:
    path = write(empty_library, "crlf", HAND_WRITTEN, newline="\r\n")
    before = path.read_bytes()
    empty_library.update("crlf", {"status": Status.READ, "read_on": dt.date(2024, 3, 5)})
    after = path.read_bytes()
    removed, added = changed_lines(before, after)
    assert removed == [b"status: to-read\r\n"]
    assert added == [b"status: read\r\n", b"read_on: 2024-03-05\r\n"]
    assert after.count(b"\n") == after.count(b"\r\n")


def test_set_notes_keeps_front_matter(empty_library: Library) -> None:
    path = write(empty_library, "hand", HAND_WRITTEN)
    before = path.read_bytes()
    empty_library.set_notes("hand", "New notes.\n")
    after = path.read_bytes()
    head = before[: before.index(b"\n---\n") + 5]
    assert after == head + b"\nNew notes.\n"
    assert empty_library.get("hand").notes == "New notes.\n"


def test_update_with_a_bad_value_writes_nothing(empty_library: Library) -> None:
    path = write(empty_library, "hand", HAND_WRITTEN)
    before = path.read_bytes()
    with pytest.raises(PaperFileError, match="rating"):
        empty_library.update("hand", {"rating": 9})
    assert path.read_bytes() == before


def test_update_refuses_a_stale_hash(empty_library: Library) -> None:
    path = write(empty_library, "hand", HAND_WRITTEN)
    loaded = empty_library.load("hand")
    path.write_text(HAND_WRITTEN.replace("to-read", "reading"), encoding="utf-8")
    edited = path.read_bytes()
    with pytest.raises(WriteConflict):
        empty_library.update("hand", {"rating": 3}, expected_hash=loaded.hash)
    assert path.read_bytes() == edited


def test_set_fields_on_text_without_the_library() -> None:
    text = '---\ntitle: "Q" # c\nstatus: read\n---\nbody\n'
    out = frontmatter.set_fields(text, {"status": "reading"})
    assert out == '---\ntitle: "Q" # c\nstatus: reading\n---\nbody\n'


def test_new_key_then_existing_key_in_one_update(empty_library: Library) -> None:
    """Inserting a key shifts the lines below it; a later change must still hit its own line."""
    path = write(empty_library, "hand", HAND_WRITTEN)
    before = path.read_bytes()
    empty_library.update(
        "hand", {"url": "https://arxiv.org/abs/1706.03762", "status": Status.READ, "tags": ["x"]}
    )
    after = path.read_bytes()
    removed, added = changed_lines(before, after)
    assert removed == [b"status: to-read\n", b"tags: [classic, 'attention']\n"]
    assert added == [b"url: https://arxiv.org/abs/1706.03762\n", b"status: read\n", b"tags: [x]\n"]
    paper = empty_library.get("hand")
    assert (paper.url, paper.status, paper.tags) == ("https://arxiv.org/abs/1706.03762", Status.READ, ["x"])
    assert after.count(b"\nstatus:") == 1


def test_write_conflict_names_the_file_as_the_user_sees_it(empty_library: Library) -> None:
    path = write(empty_library, "hand", HAND_WRITTEN)
    loaded = empty_library.load("hand")
    path.write_text(HAND_WRITTEN.replace("to-read", "reading"), encoding="utf-8")
    with pytest.raises(WriteConflict) as caught:
        empty_library.set_notes("hand", "Mine.\n", expected_hash=loaded.hash)
    assert str(caught.value) == "papers/hand.md: changed on disk since it was read; nothing was written"


def test_unquoted_ids_are_read_as_written(empty_library: Library) -> None:
    """A hand-written `arxiv: 1905.10450` is an id, not the float 1905.1045."""
    write(
        empty_library,
        "ids",
        "---\ntitle: T\nids: {arxiv: 1905.10450, doi: 10.1145/3503161.3547915}\n---\n",
    )
    write(empty_library, "block", "---\ntitle: U\nids:\n  arxiv: 2010.11930\n  pmid: 0123450\n---\n")
    assert empty_library.get("ids").ids == {"arxiv": "1905.10450", "doi": "10.1145/3503161.3547915"}
    assert empty_library.get("block").ids == {"arxiv": "2010.11930", "pmid": "0123450"}
    assert empty_library.resolve("arxiv:1905.10450") == "ids"
    assert empty_library.index.get("block").ids["arxiv"] == "2010.11930"  # type: ignore[union-attr]


def test_whole_numbers_elsewhere_stay_numbers(empty_library: Library) -> None:
    write(empty_library, "n", "---\ntitle: T\nyear: 2019\nrating: 4\ncitations: 1200\n---\n")
    paper = empty_library.get("n")
    assert (paper.year, paper.rating, paper.extra) == (2019, 4, {"citations": 1200})
