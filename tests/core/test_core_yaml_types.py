"""What the reader makes of YAML's implicit types: identifiers must survive as typed."""

from __future__ import annotations

from paperlog.library import Library

PAPER = """---
title: An Image is Worth 16x16 Words
ids:
  arxiv: 2010.11920
  doi: 10.48550/arXiv.2010.11920
year: 2021
rating: 4
status: read
flag: no
ok: true
---
Notes.
"""


def test_unquoted_arxiv_id_keeps_its_trailing_zero(empty_library: Library) -> None:
    path = empty_library.papers_dir / "vit.md"
    path.write_text(PAPER, "utf-8")
    paper = empty_library.get("vit")
    assert paper.ids["arxiv"] == "2010.11920"
    assert paper.ids["doi"] == "10.48550/arXiv.2010.11920"
    assert empty_library.resolve("arxiv:2010.11920") == "vit"


def test_integers_stay_numbers_and_only_true_false_are_booleans(empty_library: Library) -> None:
    path = empty_library.papers_dir / "vit.md"
    path.write_text(PAPER, "utf-8")
    paper = empty_library.get("vit")
    assert paper.year == 2021
    assert paper.rating == 4
    assert paper.extra["flag"] == "no"
    assert paper.extra["ok"] is True
