"""Notebook families the seeds do not cover, in test notebooks written for paperlog.

Task lists, status emoji and shortcodes, ratings, legends, tables, venue-glued headings,
the "linked = read" convention, single-paper files, dated logs in several spellings,
tables of contents, inline HTML, and repeats of one paper.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from paperlog.importers import import_paths, read_notebook
from paperlog.importers.records import ImportedPaper, Notebook
from paperlog.library import Library
from paperlog.model import Status

HERE = Path(__file__).parent / "notebooks"


def _read(name: str) -> Notebook:
    return read_notebook((HERE / name).read_text("utf-8"), name)


def _paper(notebook: Notebook, start: str) -> ImportedPaper:
    found = [p for p in notebook.papers if p.title.startswith(start)]
    assert len(found) == 1, [p.title for p in notebook.papers]
    return found[0]


def test_task_lists_emoji_shortcodes_and_ratings() -> None:
    notebook = _read("tasklist.md")
    assert len(notebook.papers) == 7
    vit = _paper(notebook, "An Image is Worth")
    assert (vit.status, vit.ids, vit.rating) == (Status.READ, {"arxiv": "2010.11929"}, 5)
    assert _paper(notebook, "Segment Anything").status is Status.TO_READ
    mae = _paper(notebook, "Masked Autoencoders")
    assert (mae.status, mae.rating, mae.insights) == (
        Status.READ, 4, ["try the same trick on depth maps"],
    )
    assert _paper(notebook, "Training language models").status is Status.READING
    assert _paper(notebook, "Training language models").rating == 3
    assert _paper(notebook, "Scaling Laws").status is Status.TO_READ
    gpt3 = _paper(notebook, "Language Models are Few-Shot")
    assert (gpt3.venue, gpt3.year, gpt3.status) == ("NeurIPS", 2020, Status.TO_READ)
    attention = _paper(notebook, "Attention Is All You Need")  # listed twice: one record
    assert attention.ids == {"arxiv": "1706.03762"} and attention.also_lines == [20]
    kinds = {o.text.split("](")[0]: o.kind for o in notebook.other}
    assert kinds["- [A blog post about tokenizers"] == "blog"
    assert kinds["- [The transformers library"] == "repo"
    assert kinds["- [ ] clean up the bibliography folder"] == "chore"
    assert any(o.kind == "legend" for o in notebook.other)
    assert notebook.topic_counts() == {"Vision": 3, "Language": 4}


def test_tables_with_a_status_column() -> None:
    notebook = _read("table.md")
    assert [p.status for p in notebook.papers] == [Status.READ, Status.TO_READ, Status.READING]
    resnet = notebook.papers[0]
    assert (resnet.venue, resnet.year, resnet.ids) == ("CVPR", 2016, {"arxiv": "1512.03385"})
    assert resnet.notes == "skip connections everywhere"
    assert notebook.papers[1].title == "Batch Normalization: Accelerating Deep Network Training"


def test_one_heading_per_paper_with_venue_glued_on() -> None:
    notebook = _read("venues.md")
    found = [(p.title, p.venue, p.year) for p in notebook.papers]
    assert found == [
        ("Denoising Diffusion Probabilistic Models", "NeurIPS", 2020),
        ("Progressive Growing of GANs for Improved Quality, Stability, and Variation", "ICLR", 2018),
        ("Neural Discrete Representation Learning", "NIPS", 2017),
        ("Score-Based Generative Modeling through Stochastic Differential Equations", "ICLR", 2021),
    ]
    assert "```python" in notebook.papers[2].notes
    assert "### What I liked" in notebook.papers[3].notes
    assert "\\lVert" in notebook.papers[0].notes


def test_linked_means_read_convention_from_the_preamble() -> None:
    notebook = _read("convention.md")
    assert [(p.title, p.status) for p in notebook.papers] == [
        ("Semi-Supervised Classification with Graph Convolutional Networks", Status.READ),
        ("Inductive Representation Learning on Large Graphs", Status.READ),
        ("Graph Attention Networks", Status.TO_READ),
        ("How Powerful are Graph Neural Networks?", Status.TO_READ),
    ]
    assert any("linked entries are read" in a for a in notebook.ambiguities)


def test_single_paper_note_file() -> None:
    notebook = _read("single.md")
    [paper] = notebook.papers
    assert paper.title == "Learning Transferable Visual Models From Natural Language Supervision"
    assert paper.ids == {"arxiv": "2103.00020"}
    assert paper.read_on == dt.date(2024, 3, 2)
    assert paper.insights == ["the text encoder is the real classifier head"]
    assert any("single paper" in a for a in notebook.ambiguities)


def test_dated_logs_in_several_spellings_and_repeats() -> None:
    notebook = _read("dated.md")
    assert _paper(notebook, "YOLO9000").read_on == dt.date(2018, 4, 1)
    efficientnet = _paper(notebook, "EfficientNet")
    assert efficientnet.read_dates == [dt.date(2022, 5, 29), dt.date(2022, 6, 1)]
    assert efficientnet.ids == {"pmlr": "v97/tan19a", "arxiv": "1905.11946"}
    assert "compound scaling" in efficientnet.notes
    assert _paper(notebook, "Mask R-CNN").read_on == dt.date(2022, 5, 29)
    study = [o for o in notebook.other if o.kind == "study-note"]
    assert [o.line for o in study] == [10]
    assert any("1st of that month" in a for a in notebook.ambiguities)


def test_toc_cited_papers_and_inline_html() -> None:
    notebook = _read("toc.md")
    assert [p.title for p in notebook.papers] == [
        "Sequence to Sequence Learning with Neural Networks",
        "Neural Machine Translation by Jointly Learning to Align and Translate",
    ]
    assert notebook.papers[1].ids == {"arxiv": "1409.0473"}  # from its "Link:" line
    assert "Neural Turing Machines" in notebook.papers[0].notes  # cited, not a record
    assert sum(o.kind == "toc" for o in notebook.other) == 2
    assert "<details>" in notebook.papers[1].notes


def test_bare_urls_with_parentheses_and_redirects() -> None:
    text = (
        "# Links\n\n"
        "- 2019 - Some Paper With Parentheses https://example.org/a_(b)_c.pdf\n"
        "- [Momentum Contrast](https://www.google.com/url?q=https://arxiv.org/abs/1911.05722&sa=D)\n"
        "- [Wiki Article On Things](https://en.wikipedia.org/wiki/Foo_(bar))\n"
    )
    notebook = read_notebook(text, "links.md")
    first = notebook.papers[0]
    assert (first.title, first.year, first.url) == (
        "Some Paper With Parentheses", 2019, "https://example.org/a_(b)_c.pdf",
    )
    assert notebook.papers[1].ids == {"arxiv": "1911.05722"}
    assert [o.kind for o in notebook.other if o.line == 5] == ["reference"]


def test_same_id_under_two_titles_is_a_fault_not_a_merge() -> None:
    text = (
        "## A\n\n- [Alpha Beta Gamma Networks](https://arxiv.org/abs/2101.00001)\n"
        "- [Completely Different Title Here](https://arxiv.org/abs/2101.00001v2)\n"
    )
    notebook = read_notebook(text, "x.md")
    assert len(notebook.papers) == 2
    assert notebook.papers[1].ids == {}
    assert "same arxiv id 2101.00001" in notebook.faults[0]


@pytest.mark.parametrize("name", sorted(p.name for p in HERE.glob("*.md")))
def test_every_test_notebook_reaches_the_library_whole(name: str, empty_library: Library) -> None:
    [outcome] = import_paths(empty_library, [HERE / name], today=dt.date(2024, 1, 1))
    assert outcome.recall is not None and outcome.recall.ratio == 1.0, outcome.recall.missing


def test_a_second_notebook_adds_its_links_to_a_paper_already_there(
    empty_library: Library, tmp_path: Path
) -> None:
    first, second = tmp_path / "list.md", tmp_path / "summaries.md"
    first.write_text("- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n", "utf-8")
    second.write_text(
        "## List of papers\n\n"
        "* [Attention Is All You Need](https://gist.github.com/someone/0a1b2c3d4e)\n", "utf-8"
    )
    import_paths(empty_library, [first], today=dt.date(2024, 1, 1))
    [outcome] = import_paths(empty_library, [second], today=dt.date(2024, 1, 2))
    [key] = outcome.updated
    paper = empty_library.get(key)
    assert paper.url == "https://arxiv.org/abs/1706.03762"
    assert paper.extra["links"] == [paper.url, "https://gist.github.com/someone/0a1b2c3d4e"]
    assert outcome.recall is not None and outcome.recall.ratio == 1.0, outcome.recall.missing


def test_reimport_into_a_library_that_already_has_the_paper(empty_library: Library) -> None:
    import_paths(empty_library, [HERE / "tasklist.md"], today=dt.date(2024, 1, 1))
    extra = HERE.parent / "extra.md"
    try:
        extra.write_text(
            "## 2024-05-06\n\n- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n"
            "  - read it again for the reading group\n",
            "utf-8",
        )
        [outcome] = import_paths(empty_library, [extra], today=dt.date(2024, 6, 1))
    finally:
        extra.unlink()
    [key] = outcome.updated
    paper = empty_library.get(key)
    assert paper.read_on == dt.date(2024, 5, 6)
    assert "second pass" in paper.notes and "reading group" in paper.notes
    assert paper.extra["also_in"] == [{
        "file": "extra.md", "line": 3,
        "text": "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)",
    }]


def test_awesome_list_with_bold_titles_and_generic_links() -> None:
    notebook = _read("awesome.md")
    found = [(p.title, p.venue, p.year, p.ids) for p in notebook.papers]
    assert found == [
        ("Fast Inference from Transformers via Speculative Decoding", "ICML", 2023, {"arxiv": "2211.17192"}),
        (
            "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness",
            "NeurIPS", 2022, {"arxiv": "2205.14135"},
        ),
    ]
    assert [o.kind for o in notebook.other if o.text.startswith("- [vLLM]")] == ["repo"]


def test_year_in_bold_parentheses_and_glued_venues() -> None:
    text = (
        "## Vision\n\n"
        "- [Going Deeper with Convolutions](https://arxiv.org/abs/1409.4842) (**2015.06**)\n"
        "- Very Deep Convolutional Networks for Large-Scale Image Recognition, ICLR 2015 :star:\n"
    )
    notebook = read_notebook(text, "v.md")
    assert [(p.title, p.year, p.venue, p.rating) for p in notebook.papers] == [
        ("Going Deeper with Convolutions", 2015, None, None),
        ("Very Deep Convolutional Networks for Large-Scale Image Recognition", 2015, "ICLR", 1),
    ]


def test_token_recall_counts_every_occurrence() -> None:
    from paperlog.importers import token_recall

    recall = token_recall("Deep deep 网络 learning 2024", ["deep 网络", "learning"])
    assert (recall.found, recall.total) == (4, 5)
    assert dict(recall.missing) == {"deep": 1}
    assert token_recall("", []).ratio == 1.0


def test_read_again_later_keeps_both_read_dates(empty_library: Library, tmp_path: Path) -> None:
    first = tmp_path / "2023.md"
    first.write_text("## 2023-03-01\n\n- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n"
                     "  - first reading\n", "utf-8")
    second = tmp_path / "2024.md"
    second.write_text("## 2024-02-02\n\n- [Attention Is All You Need](https://arxiv.org/pdf/1706.03762v7)\n"
                      "  - second reading\n", "utf-8")
    import_paths(empty_library, [first], today=dt.date(2024, 1, 1))
    [outcome] = import_paths(empty_library, [second], today=dt.date(2024, 3, 1))
    paper = empty_library.get(outcome.updated[0])
    assert paper.read_on == dt.date(2023, 3, 1)
    assert paper.extra["read_dates"] == [dt.date(2023, 3, 1), dt.date(2024, 2, 2)]
    assert "first reading" in paper.notes and "second reading" in paper.notes


def test_numbered_reference_lists_with_titles_in_bold_or_quotes() -> None:
    notebook = _read("references.md")
    assert [(p.title, p.year, p.rating, p.ids) for p in notebook.papers] == [
        ("Learning long-range dependencies with gated memories", 1999, 4, {}),
        ("Attention over aligned sources", 2014, 3, {"arxiv": "1409.0473"}),
    ]
    # The authors are authors; the rest of the entry is kept with it, year and brackets too.
    assert notebook.papers[0].authors == ["Doe, Jane", "Richard Roe"]
    assert notebook.papers[0].notes == "Journal of Imaginary Results 3.2 (1999): 1-20. (the classic)"
    assert notebook.papers[1].authors == ["Roe, Richard"]
    assert all(p.status is Status.TO_READ for p in notebook.papers)
    assert "Neural Turing Machines" in notebook.leftover  # cited on the side: not a record


def test_dates_written_on_the_paper_line_or_heading() -> None:
    text = (
        "# Log\n\n## 2023-05-01 Attention Is All You Need For Sequence Transduction\n\nNotes about it.\n\n"
        "## Papers\n\n- 2023-06-02: [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385)\n"
        "- [Layer Normalization](https://arxiv.org/abs/1607.06450) 2023-06-05\n"
    )
    notebook = read_notebook(text, "log.md")
    assert [(p.title, p.read_on, p.status) for p in notebook.papers] == [
        ("Attention Is All You Need For Sequence Transduction", dt.date(2023, 5, 1), Status.READ),
        ("Deep Residual Learning for Image Recognition", dt.date(2023, 6, 2), Status.READ),
        ("Layer Normalization", dt.date(2023, 6, 5), Status.READ),
    ]


def test_books_courses_and_chores_are_not_papers() -> None:
    text = (
        "## 2023.1.1\n\n《机器学习导论》\n\n    第一章读完\n\n"
        "## Queue\n\n"
        "- [ ] TODO: finish section 3 of the survey\n"
        "- [x] CS231n Lecture Notes On Convolutional Networks\n"
        "- Book: Deep Learning With Python Second Edition\n"
        "- [ ] Make-A-Video: Text-to-Video Generation without Text-Video Data\n"
    )
    notebook = read_notebook(text, "mixed.md")
    assert [p.title for p in notebook.papers] == [
        "Make-A-Video: Text-to-Video Generation without Text-Video Data"
    ]
    kinds = {o.text: o.kind for o in notebook.other}
    assert kinds["《机器学习导论》"] == "book"
    assert kinds["- Book: Deep Learning With Python Second Edition"] == "book"
    assert kinds["- [ ] TODO: finish section 3 of the survey"] == "chore"
    assert kinds["- [x] CS231n Lecture Notes On Convolutional Networks"] == "chore"


def test_hugo_post_with_toml_front_matter_is_one_paper() -> None:
    notebook = _read("hugo.md")
    [paper] = notebook.papers
    assert (paper.title, paper.ids, paper.read_on) == (
        "Denoising Diffusion Implicit Models", {"arxiv": "2010.02502"}, dt.date(2024, 2, 11),
    )
    assert paper.insights == ["try it on audio"]
    assert notebook.leftover.startswith("```toml\n")


def test_several_top_headings_are_topics_and_a_heading_repeating_the_title_is_not() -> None:
    text = "# Vision\n\n## Deep Residual Learning for Image Recognition\n\nnotes\n\n# NLP\n\n" \
           "## Attention Is All You Need\n\nmore notes\n"
    notebook = read_notebook(text, "two.md")
    assert [(p.title, p.topics) for p in notebook.papers] == [
        ("Deep Residual Learning for Image Recognition", ["Vision"]),
        ("Attention Is All You Need", ["NLP"]),
    ]
    post = "---\ntitle: My Stack\n---\n\n# Links\n\n# My Stack\n\n### Vision\n\n" \
           "- [Segment Anything](https://arxiv.org/abs/2304.02643)\n"
    assert read_notebook(post, "post.md").papers[0].topics == ["Vision"]


def test_a_dated_heading_over_a_list_of_papers_is_a_date_not_a_paper() -> None:
    text = (
        "## 2023-05-01 Reading group on vision transformer papers\n\n"
        "- [Segment Anything](https://arxiv.org/abs/2304.02643)\n"
        "- [DINOv2: Learning Robust Visual Features](https://arxiv.org/abs/2304.07193)\n"
    )
    notebook = read_notebook(text, "group.md")
    assert [(p.title, p.read_on) for p in notebook.papers] == [
        ("Segment Anything", dt.date(2023, 5, 1)),
        ("DINOv2: Learning Robust Visual Features", dt.date(2023, 5, 1)),
    ]


def test_date_lines_in_html_and_with_weekdays() -> None:
    text = (
        "# Journal\n\n<summary><b>2022-09-20 星期二</b></summary>\n\n"
        "- [Segment Anything](https://arxiv.org/abs/2304.02643)\n\n"
        "**Mon, Sep 26 2022**\n\n- [DINOv2: Learning Robust Visual Features](https://arxiv.org/abs/2304.07193)\n"
    )
    notebook = read_notebook(text, "journal.md")
    assert [p.read_on for p in notebook.papers] == [dt.date(2022, 9, 20), dt.date(2022, 9, 26)]


def test_table_with_chinese_headers_and_us_dates() -> None:
    text = (
        "## 已读\n\n| 日期 | 标题 | 备注 |\n| -- | -- | -- |\n"
        "| 9/04/24 | [Segment Anything](https://arxiv.org/abs/2304.02643) | 分割一切 |\n"
        "| 12/31/2023 | Denoising Diffusion Probabilistic Models | |\n"
    )
    notebook = read_notebook(text, "table-zh.md")
    assert [(p.title, p.read_on, p.status, p.notes) for p in notebook.papers] == [
        ("Segment Anything", dt.date(2024, 9, 4), Status.READ, "分割一切"),
        ("Denoising Diffusion Probabilistic Models", dt.date(2023, 12, 31), Status.READ, ""),
    ]


def test_weekly_table_with_descriptions_and_a_links_column() -> None:
    text = (
        "## Papers of the week\n\n| **Paper** | **Links** |\n| --- | --- |\n"
        "| 1) Sparse Mixtures Revisited  This work studies routing in sparse models at scale. "
        "| [Paper](https://arxiv.org/abs/2401.00001), [Tweet](https://x.com/someone/status/1) |\n"
        "| 2) Dense Retrieval at Scale  Another study. | [Paper](https://arxiv.org/abs/2401.00002) |\n"
        "| 3) OrbitNet  A lab post about a new model. | [Blog](https://example.org/orbitnet) |\n"
        "| 4) ToolKit  An open-source release. | [Code](https://github.com/example/toolkit) |\n"
    )
    notebook = read_notebook(text, "weekly.md")
    assert [(p.title, p.ids) for p in notebook.papers] == [
        ("Sparse Mixtures Revisited", {"arxiv": "2401.00001"}),
        ("Dense Retrieval at Scale", {"arxiv": "2401.00002"}),
        ("OrbitNet", {}),
    ]
    assert notebook.papers[0].notes.startswith("This work studies routing")
    assert [o.kind for o in notebook.other if o.line == 8] == ["remark"]
    assert notebook.faults == []  # `1)` numbering is not an unbalanced parenthesis


def test_a_note_file_with_related_work_is_one_paper() -> None:
    text = (
        "# Attention Is All You Need\n\nSelf-attention replaces recurrence entirely.\n\n"
        "- multi-head attention\n\n## Related work\n\n"
        "- [BERT: Pre-training of Deep Bidirectional Transformers](https://arxiv.org/abs/1810.04805)\n"
    )
    notebook = read_notebook(text, "attention.md")
    [paper] = notebook.papers
    assert paper.title == "Attention Is All You Need"
    assert "arxiv.org/abs/1810.04805" in paper.notes  # cited, kept in its notes


def test_reimport_keeps_notes_edited_since(empty_library: Library) -> None:
    [first] = import_paths(empty_library, [HERE / "venues.md"], today=dt.date(2024, 1, 1))
    key = first.added[0]
    empty_library.set_notes(key, "My own rewrite of these notes.\n")
    [again] = import_paths(empty_library, [HERE / "venues.md"], today=dt.date(2024, 2, 1))
    assert key in again.unchanged
    assert empty_library.get(key).notes == "My own rewrite of these notes.\n"


def test_citations_written_out_in_a_plain_list() -> None:
    text = (
        "## Classics\n\n1. Attention Is All You Need. Vaswani et al. NeurIPS 2017.\n"
        "2. Deep Residual Learning for Image Recognition. He et al. CVPR 2016.\n"
    )
    notebook = read_notebook(text, "classics.md")
    assert [(p.title, p.year, p.venue, p.notes) for p in notebook.papers] == [
        ("Attention Is All You Need", 2017, "NIPS", "Vaswani et al"),
        ("Deep Residual Learning for Image Recognition", 2016, "CVPR", "He et al"),
    ]


def test_short_headings_that_carry_a_date() -> None:
    text = (
        "## Week 12 (2023-03-20)\n\n- [Segment Anything](https://arxiv.org/abs/2304.02643)\n\n"
        "## Day 3 - 2023.3.22\n\n- [DINOv2: Learning Robust Visual Features](https://arxiv.org/abs/2304.07193)\n"
    )
    notebook = read_notebook(text, "weeks.md")
    assert [(p.read_on, p.topics) for p in notebook.papers] == [
        (dt.date(2023, 3, 20), []), (dt.date(2023, 3, 22), []),
    ]


def test_status_words_in_brackets() -> None:
    text = (
        "## Queue\n\n- [TODO] [Segment Anything](https://arxiv.org/abs/2304.02643)\n"
        "- [DINOv2: Learning Robust Visual Features](https://arxiv.org/abs/2304.07193) (reading)\n"
        "- Masked Autoencoders Are Scalable Vision Learners【已读】\n"
    )
    notebook = read_notebook(text, "queue.md")
    assert [(p.title, p.status) for p in notebook.papers] == [
        ("Segment Anything", Status.TO_READ),
        ("DINOv2: Learning Robust Visual Features", Status.READING),
        ("Masked Autoencoders Are Scalable Vision Learners", Status.READ),
    ]


def test_single_paper_file_with_reference_manager_front_matter(empty_library: Library) -> None:
    notebook = _read("zotero.md")
    [paper] = notebook.papers
    assert (paper.title, paper.year, paper.venue, paper.read_on) == (
        "Scaling Laws for Neural Language Models", 2020, "arXiv", dt.date(2024, 4, 1),
    )
    assert paper.ids == {"doi": "10.48550/arxiv.2001.08361", "arxiv": "2001.08361"}
    assert (paper.authors, paper.tags) == (["Jared Kaplan", "Sam McCandlish"], ["scaling", "language models"])
    [outcome] = import_paths(empty_library, [HERE / "zotero.md"], today=dt.date(2024, 5, 1))
    stored = empty_library.get(outcome.added[0])
    assert stored.authors == ["Jared Kaplan", "Sam McCandlish"]
    assert stored.extra["insights"] == ["check whether the exponent holds for code models"]


def test_a_paper_listed_twice_with_the_same_notes_keeps_every_word(
    empty_library: Library, tmp_path: Path
) -> None:
    """The repeat merges into one paper; its notes, already there, stay in the notebook's
    notes file where they were written, so the import still holds every word."""
    entry = "Convolutional Sequence to Sequence Learning\nJonas Gehring, Michael Auli\n(first seen in May)\n"
    source = tmp_path / "reading.md"
    source.write_text(f"# Reading list\n\n{entry}\nAn Unrelated Second Paper Title\nSomeone Else\n\n{entry}")
    [outcome] = import_paths(empty_library, [source], today=dt.date(2024, 1, 1))
    assert outcome.recall is not None and outcome.recall.ratio == 1.0, outcome.recall.missing
    [paper] = [p for p in outcome.notebook.papers if p.title.startswith("Convolutional")]
    assert paper.notes.count("Jonas Gehring") == 1 and paper.also_lines
    assert outcome.note_file is not None
    assert (empty_library.root / outcome.note_file).read_text("utf-8").count("Jonas Gehring") == 1
