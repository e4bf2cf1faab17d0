"""check: every kind of finding, with the right file and line; ids verified against arXiv."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from paperlog.check import check_library, titles_conflict
from paperlog.library import Library
from paperlog.sources.resolver import Resolver

ARXIV = "https://export.arxiv.org/api/query"

FILES = {
    "attention.md": """---
title: Attention Is All You Need
ids: {arxiv: 1706.03762}
status: read
---

Self-attention everywhere. ![architecture](figs/model.png)
A wiki link [softmax](https://en.wikipedia.org/wiki/Softmax_(function)) is fine.
""",
    "taming.md": """---
title: Taming Transformers for High-Resolution Image Synthesis
# the link was copied from the line above
ids:
  arxiv: 1706.03762v2
status: read
---
""",
    "copy-of-attention.md": """---
title: "Attention is all you need."
url: htp://arxiv.org/abs/1706.03762
---

See ([link] https://arxiv.org/abs/1603.08983)) and
[the code](https://github.com/example/repo
![missing figure](figs/missing.png) and <img src="pic/gone.png" width=300>
[empty]()

```
[not a link](inside code
```
""",
    "bad-id.md": """---
title: Some paper
ids:
  arxiv: abc
  doi: not-a-doi
read_on: 2052-03-01
---
""",
    "broken.md": """---
title: [unclosed
---
""",
}


@pytest.fixture
def messy(empty_library: Library) -> Library:
    for name, text in FILES.items():
        (empty_library.papers_dir / name).write_text(text, "utf-8")
    (empty_library.papers_dir / "figs").mkdir()
    (empty_library.papers_dir / "figs" / "model.png").write_bytes(b"\x89PNG")
    return empty_library


def _found(report: Any) -> set[tuple[str, str, int | None]]:
    return {(f.kind, f.path, f.line) for f in report.findings}


def test_offline_checks_find_each_fault_at_its_line(messy: Library) -> None:
    report = check_library(messy)
    assert _found(report) == {
        ("unreadable", "papers/broken.md", 2),
        ("duplicate-id", "papers/attention.md", 3),
        ("duplicate-id", "papers/taming.md", 4),
        ("duplicate-title", "papers/attention.md", 2),
        ("duplicate-title", "papers/copy-of-attention.md", 2),
        ("malformed-link", "papers/copy-of-attention.md", 3),
        ("malformed-link", "papers/copy-of-attention.md", 6),
        ("malformed-link", "papers/copy-of-attention.md", 7),
        ("missing-image", "papers/copy-of-attention.md", 8),
        ("malformed-link", "papers/copy-of-attention.md", 9),
        ("malformed-id", "papers/bad-id.md", 3),
        ("read-without-notes", "papers/taming.md", 6),
        ("future-date", "papers/bad-id.md", 6),
    }
    assert report.checked == 5 and report.errors == 12 and report.warnings == 3
    by_kind = {(f.kind, f.line): f for f in report.findings if f.path == "papers/copy-of-attention.md"}
    assert by_kind[("malformed-link", 6)].message == (
        "link text [link] and its URL are apart: https://arxiv.org/abs/1603.08983))"
    )
    assert by_kind[("malformed-link", 7)].message.endswith("is not closed with ')'")
    assert by_kind[("malformed-link", 9)].severity == "warning"
    assert "pic/gone.png" in str([f.message for f in report.findings if f.kind == "missing-image"])
    dup = next(f for f in report.findings if f.kind == "duplicate-id" and f.path == "papers/taming.md")
    assert str(dup) == (
        "papers/taming.md:4: error: same arxiv id 1706.03762 as papers/attention.md [duplicate-id]"
    )


def test_ids_are_checked_against_the_title_the_source_gives(
    messy: Library, replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    replay.add(f"{ARXIV}?id_list=1706.03762", "arxiv/2026_id_list_1706.03762.xml")
    report = check_library(messy, Resolver(make_fetcher(), order=("arxiv",)))
    mismatches = [f for f in report.findings if f.kind == "title-mismatch"]
    assert [(f.path, f.line) for f in mismatches] == [("papers/taming.md", 4)]
    assert mismatches[0].message == (
        "arxiv 1706.03762 is 'Attention Is All You Need' at arxiv, "
        "not 'Taming Transformers for High-Resolution Image Synthesis'"
    )
    assert report.verified == 2 and len(replay.requests) == 1  # both ids in one request


def test_offline_without_a_cache_leaves_titles_unverified(
    messy: Library, replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    report = check_library(messy, Resolver(make_fetcher(offline=True), order=("arxiv",)))
    assert report.unverified == 2 and report.verified == 0
    assert not [f for f in report.findings if f.kind in {"title-mismatch", "unverified"}]
    assert replay.requests == []


def test_an_id_the_source_does_not_know(
    empty_library: Library, replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    text = "---\ntitle: X\nids: {arxiv: '0000.0000'}\n---\n"
    (empty_library.papers_dir / "x.md").write_text(text, "utf-8")
    replay.add(f"{ARXIV}?id_list=0000.0000", "arxiv/2026_id_list_0000.0000_empty.xml")
    report = check_library(empty_library, Resolver(make_fetcher(), order=("arxiv",)))
    assert [str(f) for f in report.findings] == [
        "papers/x.md:3: error: arxiv 0000.0000: arxiv has no such paper [id-not-found]"
    ]


def test_an_unquoted_id_is_read_as_written_and_not_flagged(empty_library: Library) -> None:
    text = "---\ntitle: X\nids: {arxiv: 2010.11920}\n---\nNotes.\n"  # a float to plain YAML
    (empty_library.papers_dir / "x.md").write_text(text, "utf-8")
    assert empty_library.get("x").ids["arxiv"] == "2010.11920"
    assert not [f for f in check_library(empty_library).findings if f.kind == "malformed-id"]


def test_a_clean_library_has_no_errors(library: Library) -> None:
    report = check_library(library)
    assert report.errors == 0 and report.checked == 4


@pytest.mark.parametrize(
    ("user", "source", "conflict"),
    [
        ("Deep Residual Learning for Image Recognitio", "Deep Residual Learning for Image Recognition", 0),
        ("MoCo: Momentum Contrast for Unsupervised Visual Representation Learning",
         "Momentum Contrast for Unsupervised Visual Representation Learning", False),
        ("Vector Quotient Filters", "Vector Quotient Filters: Overcoming the Time/Space Trade-Off", False),
        ("注意力就是你所需要的", "Attention Is All You Need", False),
        ("Taming Transformers for High-Resolution Image Synthesis", "Attention Is All You Need", True),
        ("arXiv:1706.03762", "Attention Is All You Need", False),  # an id standing in for a title
    ],
)
def test_titles_conflict(user: str, source: str, conflict: bool) -> None:
    assert titles_conflict(user, source) is bool(conflict)


IMPORTED = {
    "workshop.md": """---
title: "Proceedings of Workshop AEW10: Concepts in Information Theory and Communications"
ids: {arxiv: '1707.08567'}
source: {file: notes.md, line: 3, text: '## 1. Workshop ([link](https://arxiv.org/abs/1707.08567))'}
---
""",
    "taming.md": """---
title: Taming Transformers for High-Resolution Image Synthesis
status: read
source: {file: notes.md, line: 9, text: '## 2. Taming Transformers ([link](https://arxiv.org/abs/1707.08567v1)'}
---

Notes.
""",
}


def test_links_kept_from_an_import_are_checked_too(
    empty_library: Library, replay: Any, make_fetcher: Callable[..., Any]
) -> None:
    for name, text in IMPORTED.items():
        (empty_library.papers_dir / name).write_text(text, "utf-8")
    replay.add(f"{ARXIV}?id_list=1707.08567", "arxiv/2026_id_list_1707.08567.xml")
    report = check_library(empty_library, Resolver(make_fetcher(), order=("arxiv",)))
    assert [str(f) for f in report.findings if f.path == "papers/taming.md"] == [
        "papers/taming.md:4: error: the line it was imported from (notes.md:9) links to arxiv "
        "1707.08567, as does papers/workshop.md [duplicate-id]",
        "papers/taming.md:4: error: the line it was imported from (notes.md:9) has unbalanced "
        "parentheses around its link [malformed-link]",
        "papers/taming.md:4: error: the line it was imported from (notes.md:9) links to arxiv "
        "1707.08567, which is 'Proceedings of Workshop AEW10: Concepts in Information Theory and "
        "Communications' at arxiv, not 'Taming Transformers for High-Resolution Image Synthesis' "
        "[title-mismatch]",
    ]


def test_the_faults_of_the_reading_challenge_seed(
    seeds_dir: Any, empty_library: Library, tmp_path: Any
) -> None:
    """Import the seed notebook with the real importer, then check: its four data faults."""
    from typer.testing import CliRunner

    from paperlog.cli import app

    seed = seeds_dir / "003_2bb66f7c9a1f08e3.txt"
    if not seed.exists():
        pytest.skip("seed 003 is absent")
    runner = CliRunner()
    root = str(empty_library.root)
    imported = runner.invoke(app, ["--library", root, "import", str(seed)])
    assert imported.exit_code == 0, imported.output
    result = runner.invoke(app, ["--library", root, "--offline", "check", "--format", "json"])
    report = __import__("json").loads(result.stdout)
    assert result.exit_code == 1
    found = {(f["kind"], f["path"]) for f in report["findings"]}
    slug = "papers/{}.md".format
    assert ("duplicate-id", slug("taming-transformers-for-high-resolution-image-synthesis")) in found
    assert ("duplicate-id", slug("universal-language-model-fine-tuning-for-text-classification")) in found
    assert ("malformed-link", slug("adaptive-computation-time-for-recurrent-neural-networks")) in found
    assert ("malformed-link", slug("scaling-autoregressive-video-models")) in found
