"""Full-text search (FTS5, bm25, Chinese bigrams, snippets) and the filters beside it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from paperlog.errors import InvalidValue
from paperlog.index import Filters, Index
from paperlog.library import Library
from paperlog.model import Paper, Status
from paperlog.text import parse_query

PAPERS = [
    Paper(
        title="Gradient flow in recurrent nets",
        year=2001,
        venue="A Field Guide to Dynamical Recurrent Networks",
        status=Status.READ,
        read_on=dt.date(2024, 1, 5),
        topics=["Theory/Learning dynamics"],
        tags=["classic"],
        notes="Vanishing gradients explained.\n",
    ),
    Paper(
        title="A survey of optimizers",
        year=2019,
        venue="NeurIPS",
        status=Status.READING,
        topics=["Vision/Optical flow"],
        tags=["survey", "classic"],
        notes="Later sections discuss the flow of gradients through deep networks.\n"
        "模型训练很慢，需要注意学习率。\n",
    ),
    Paper(
        title="Transformers everywhere",
        year=2021,
        venue="ICLR",
        status=Status.TO_READ,
        topics=["Vision"],
        tags=["survey"],
        notes="大语言模型的注意力机制很重要。\n",
    ),
    Paper(
        title="Separate words",
        year=2018,
        venue="CVPR",
        status=Status.DROPPED,
        topics=["Visual Computing"],
        notes="注意力 是一个词，机制 是另一个词。\n",
    ),
    Paper(title="Empty notes paper", year=2015, venue="ICML", topics=["Theory"]),
]


@pytest.fixture
def index(make_library: Callable[..., Library]) -> Index:
    return make_library(PAPERS).index


def titles(index: Index, query: str = "", filters: Filters | None = None, **kw: object) -> list[str]:
    return [hit.paper.title for hit in index.search(query, filters, limit=None, **kw).hits]  # type: ignore[arg-type]


def test_empty_query_lists_everything(index: Index) -> None:
    results = index.search("")
    assert results.total == 5
    assert all(hit.score is None and hit.snippet is None for hit in results.hits)


def test_title_match_ranks_above_notes_match(index: Index) -> None:
    hits = index.search("flow").hits
    assert hits[0].paper.title == "Gradient flow in recurrent nets"
    assert "A survey of optimizers" in [h.paper.title for h in hits]
    assert hits[0].score is not None and hits[1].score is not None
    assert hits[0].score > hits[1].score


def test_snippet_spans_point_at_the_matched_words(index: Index) -> None:
    hit = next(h for h in index.search("gradients").hits if h.paper.title == "A survey of optimizers")
    assert hit.snippet is not None
    assert hit.snippet.spans
    for start, end in hit.snippet.spans:
        assert hit.snippet.text[start:end].lower().startswith("gradient")
    assert "[gradients]" in hit.snippet.marked()


def test_snippet_of_a_chinese_word(index: Index) -> None:
    hit = index.search("模型").hits[0]
    assert hit.snippet is not None
    assert [hit.snippet.text[s:e] for s, e in hit.snippet.spans] == ["模型"]


def test_title_match_snippet_comes_from_the_title(index: Index) -> None:
    hit = index.search("transformers").hits[0]
    assert hit.snippet is not None
    assert hit.snippet.marked("<b>", "</b>") == "<b>Transformers</b> everywhere"


def test_chinese_two_character_word(index: Index) -> None:
    assert sorted(titles(index, "模型")) == ["A survey of optimizers", "Transformers everywhere"]
    assert sorted(titles(index, "注意")) == [
        "A survey of optimizers",
        "Separate words",
        "Transformers everywhere",
    ]
    assert titles(index, "学习率") == ["A survey of optimizers"]


def test_chinese_single_character(index: Index) -> None:
    assert sorted(titles(index, "词")) == ["Separate words"]
    assert sorted(titles(index, "慢")) == ["A survey of optimizers"]


def test_chinese_long_word_matches_only_where_contiguous(index: Index) -> None:
    # "注意力" and "机制" both occur in "Separate words", but not side by side
    assert titles(index, "注意力机制") == ["Transformers everywhere"]
    assert sorted(titles(index, "注意力")) == ["Separate words", "Transformers everywhere"]
    assert titles(index, "机制很") == ["Transformers everywhere"]


def test_chinese_and_latin_words_together(index: Index) -> None:
    assert titles(index, "模型 gradients") == ["A survey of optimizers"]


def test_stemming(index: Index) -> None:
    assert titles(index, "transformer") == ["Transformers everywhere"]
    assert titles(index, "optimizer") == ["A survey of optimizers"]


def test_phrase_query(index: Index) -> None:
    assert titles(index, '"flow of gradients"') == ["A survey of optimizers"]
    assert titles(index, '"gradients of flow"') == []


def test_every_word_must_match(index: Index) -> None:
    assert titles(index, "flow vanishing") == ["Gradient flow in recurrent nets"]
    assert titles(index, "flow zebra") == []


def test_prefix_query(index: Index) -> None:
    assert titles(index, "vanis*") == ["Gradient flow in recurrent nets"]
    assert titles(index, "vanis") == []
    assert titles(index, "vanis", prefix_last=True) == ["Gradient flow in recurrent nets"]
    assert titles(index, "flow vanis", prefix_last=True) == ["Gradient flow in recurrent nets"]


def test_search_in_authors_venue_topics_and_tags(make_library: Callable[..., Library]) -> None:
    index = make_library(
        [Paper(title="Plain", authors=["Kaiming He"], venue="CVPR", topics=["Vision/Detection"], tags=["yo"])]
    ).index
    for query in ("kaiming", "cvpr", "detection", "yo"):
        assert titles(index, query) == ["Plain"], query


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"unclosed phrase',
        "*",
        "optim**",
        ":",
        "title:flow",
        "(",
        "(flow",
        "flow)",
        "-flow",
        "NOT",
        "flow NOT gradients",
        "AND",
        "OR",
        "flow AND",
        "NEAR(flow gradients)",
        "^flow",
        "{title}: flow",
        "'",
        "+",
        'a"b',
        "\\",
        "%_",
        "     ",
        "模型*",
        '"模型" AND *',
    ],
)
def test_fts_syntax_never_raises(index: Index, query: str) -> None:
    results = index.search(query)
    assert results.total == len(results.hits)


def test_keywords_are_searched_as_words(make_library: Callable[..., Library]) -> None:
    index = make_library(
        [Paper(title="Cats and dogs"), Paper(title="Near or far"), Paper(title="Not this one")]
    ).index
    assert titles(index, "and") == ["Cats and dogs"]
    assert titles(index, "OR") == ["Near or far"]
    assert titles(index, "NOT") == ["Not this one"]
    assert titles(index, "NEAR") == ["Near or far"]
    assert titles(index, "-dogs") == ["Cats and dogs"]


def test_parse_query_quotes_every_term() -> None:
    assert parse_query("flow AND (x)").match == '"flow" AND "AND" AND "x"'
    assert parse_query("注意力").match == '"注意 意力"'
    assert parse_query("力").match == '"力"*'


# -- filters ----------------------------------------------------------------------------


def test_filter_status_several(index: Index) -> None:
    assert sorted(titles(index, filters=Filters(status=(Status.READ, Status.READING)))) == [
        "A survey of optimizers",
        "Gradient flow in recurrent nets",
    ]
    assert titles(index, filters=Filters(status=(Status.DROPPED,))) == ["Separate words"]


def test_filter_topic_is_a_prefix_on_the_hierarchy(index: Index) -> None:
    assert sorted(titles(index, filters=Filters(topic="Vision"))) == [
        "A survey of optimizers",
        "Transformers everywhere",
    ]
    assert titles(index, filters=Filters(topic="Vis")) == []
    assert titles(index, filters=Filters(topic="Vision/Optical flow")) == ["A survey of optimizers"]
    assert titles(index, filters=Filters(topic=" Vision / Optical flow ")) == ["A survey of optimizers"]
    assert titles(index, filters=Filters(topic="Vision/Optical")) == []
    assert titles(index, filters=Filters(topic="Visual Computing")) == ["Separate words"]
    assert sorted(titles(index, filters=Filters(topic="Theory"))) == [
        "Empty notes paper",
        "Gradient flow in recurrent nets",
    ]


def test_filter_topic_with_like_wildcards_is_literal(index: Index) -> None:
    assert titles(index, filters=Filters(topic="V%")) == []
    assert titles(index, filters=Filters(topic="Visio_")) == []


def test_filter_tags_all_must_match(index: Index) -> None:
    assert sorted(titles(index, filters=Filters(tags=("classic",)))) == [
        "A survey of optimizers",
        "Gradient flow in recurrent nets",
    ]
    assert titles(index, filters=Filters(tags=("classic", "survey"))) == ["A survey of optimizers"]


def test_filter_year_range(index: Index) -> None:
    assert sorted(titles(index, filters=Filters(year_from=2018, year_to=2019))) == [
        "A survey of optimizers",
        "Separate words",
    ]
    assert titles(index, filters=Filters(year_to=2001)) == ["Gradient flow in recurrent nets"]
    assert titles(index, filters=Filters(year_from=2021)) == ["Transformers everywhere"]


def test_filter_venue_contains(index: Index) -> None:
    assert titles(index, filters=Filters(venue="neurips")) == ["A survey of optimizers"]
    assert titles(index, filters=Filters(venue="Field Guide")) == ["Gradient flow in recurrent nets"]


def test_filter_has_notes(index: Index) -> None:
    assert titles(index, filters=Filters(has_notes=False)) == ["Empty notes paper"]
    assert len(titles(index, filters=Filters(has_notes=True))) == 4


def test_filters_combine_with_search(index: Index) -> None:
    assert sorted(titles(index, "flow")) == ["A survey of optimizers", "Gradient flow in recurrent nets"]
    assert titles(index, "flow", Filters(status=(Status.READING,))) == ["A survey of optimizers"]
    assert titles(index, "flow", Filters(topic="Theory")) == ["Gradient flow in recurrent nets"]
    assert titles(index, "flow", Filters(tags=("survey",), year_from=2010)) == ["A survey of optimizers"]
    assert titles(index, "注意", Filters(topic="Vision", venue="ICLR")) == ["Transformers everywhere"]
    assert titles(index, "flow", Filters(has_notes=True, year_to=2000)) == []
    assert index.search("flow", Filters(topic="Theory")).total == 1


def test_sort_and_paging(index: Index) -> None:
    by_year = titles(index, sort="year")
    assert by_year[0] == "Transformers everywhere" and by_year[-1] == "Gradient flow in recurrent nets"
    page = index.search("", sort="year", limit=2, offset=2)
    assert [h.paper.title for h in page.hits] == by_year[2:4]
    assert page.total == 5
    with pytest.raises(InvalidValue, match="sort"):
        index.search("", sort="nonsense")


def test_lookup_by_id_key_prefix_and_title(make_library: Callable[..., Library]) -> None:
    library = make_library()
    key = "2017-vaswani-attention-is-all-you-need"
    assert library.resolve("arxiv:1706.03762") == key
    assert library.resolve("1706.03762v5") == key
    assert library.resolve("https://arxiv.org/pdf/1706.03762v2.pdf") == key
    assert library.resolve("arxiv.org/abs/1706.03762") == key
    assert library.resolve("arXiv:1706.03762 [cs.CL]") == key
    assert library.resolve("2017-vaswani") == key
    assert library.resolve(f"papers/{key}.md") == key
    assert library.resolve("attention is all you need") == key


def test_stats_counts(make_library: Callable[..., Library]) -> None:
    stats = make_library(PAPERS).index.stats()
    assert stats.total == 5
    assert stats.with_notes == 4
    assert stats.by_status == {"to-read": 1, "reading": 1, "read": 1, "dropped": 1, "unset": 1}
    assert stats.by_month_read == {"2024-01": 1}
    assert stats.by_topic["Vision"] == 1 and stats.by_topic["Vision/Optical flow"] == 1
    assert stats.by_tag == {"classic": 2, "survey": 2}


def test_latin_word_glued_to_chinese(make_library: Callable[..., Library]) -> None:
    """Chinese notes often glue English terms to Chinese words, with no space between."""
    index = make_library(
        [Paper(title="Mixed", notes="我们用GPT模型做实验。\n"), Paper(title="Plain", notes="GPT alone.\n")]
    ).index
    assert titles(index, "GPT模型") == ["Mixed"]
    assert sorted(titles(index, "GPT")) == ["Mixed", "Plain"]
    hit = next(h for h in index.search("GPT").hits if h.paper.title == "Mixed")
    assert hit.snippet is not None
    assert [hit.snippet.text[s:e] for s, e in hit.snippet.spans] == ["GPT"]
    hit = index.search("GPT模型").hits[0]
    assert hit.snippet is not None
    assert hit.snippet.marked() == "我们用[GPT][模型]做实验。"


def test_search_ignores_accents(make_library: Callable[..., Library]) -> None:
    index = make_library([Paper(title="On Gödel numbering", notes="Erdős and Rényi.\n")]).index
    for query in ("godel", "Gödel", "erdos", "renyi"):
        assert titles(index, query) == ["On Gödel numbering"], query


def test_long_notes_snippet_is_a_window_around_the_match(make_library: Callable[..., Library]) -> None:
    notes = "filler words here. " * 40 + "The needle is here. " + "more words after. " * 40
    index = make_library([Paper(title="Haystack", notes=notes)]).index
    hit = index.search("needle").hits[0]
    assert hit.snippet is not None
    assert len(hit.snippet.text) <= 200
    assert hit.snippet.text.startswith("… ") and hit.snippet.text.endswith(" …")
    assert [hit.snippet.text[s:e] for s, e in hit.snippet.spans] == ["needle"]


def test_accent_free_query_highlights_the_accented_word(make_library: Callable[..., Library]) -> None:
    index = make_library([Paper(title="Numbering", notes="As Gödel showed, and Erdős too. がか\n")]).index
    hit = index.search("godel erdos").hits[0]
    assert hit.snippet is not None
    assert hit.snippet.marked() == "As [Gödel] showed, and [Erdős] too. がか"
    hit = index.search("が").hits[0]
    assert hit.snippet is not None
    assert [hit.snippet.text[s:e] for s, e in hit.snippet.spans] == ["が"]


def test_lookup_by_doi_and_openreview(make_library: Callable[..., Library]) -> None:
    library = make_library(
        [
            Paper(title="A DOI paper", year=2022, ids={"doi": "10.1145/3503161.3547915"}),
            Paper(title="An OpenReview paper", year=2023, ids={"openreview": "YicbFdNTTy"}),
        ]
    )
    doi_key = "2022-a-doi-paper"
    for ref in (
        "doi:10.1145/3503161.3547915",
        "10.1145/3503161.3547915",
        "DOI:10.1145/3503161.3547915",
        "https://doi.org/10.1145/3503161.3547915",
        "https://dl.acm.org/doi/abs/10.1145/3503161.3547915",
    ):
        assert library.resolve(ref) == doi_key, ref
    assert library.resolve("openreview:YicbFdNTTy") == "2023-an-openreview-paper"
    assert library.resolve("https://openreview.net/forum?id=YicbFdNTTy") == "2023-an-openreview-paper"


def test_pages_of_a_ranked_search_follow_the_full_ranking(make_library: Callable[..., Library]) -> None:
    """Pages cover every hit once, in the order of the whole ranking; title matches first."""
    papers = [
        Paper(title=f"Flow paper {n}", year=2000 + n, status=Status.READ if n % 2 else Status.TO_READ)
        for n in range(3)
    ] + [
        Paper(
            title=f"Other paper {n}",
            year=2010 + n,
            notes=f"About flow, number {n}.\n",
            status=Status.READ if n % 2 else Status.TO_READ,
        )
        for n in range(5)
    ]
    index = make_library(papers).index
    full = [h.paper.key for h in index.search("flow", limit=None).hits]
    pages = [index.search("flow", limit=3, offset=offset) for offset in (0, 3, 6)]
    keys = [h.paper.key for page in pages for h in page.hits]
    assert all(page.total == 8 for page in pages)
    assert keys == full and len(set(keys)) == 8
    assert all(key.split("-")[1] == "flow" for key in keys[:3])
    read = Filters(status=(Status.READ,))
    filtered = [index.search("flow", read, limit=2, offset=offset) for offset in (0, 2, 4)]
    got = [h.paper for page in filtered for h in page.hits]
    assert all(page.total == 3 for page in filtered)
    assert len(got) == 3 and all(p.status == Status.READ for p in got)
    assert got[0].title == "Flow paper 1"


def test_topics_count_each_level_once_per_paper(make_library: Callable[..., Library]) -> None:
    index = make_library(
        [
            Paper(title="A", topics=["Vision/Optical flow", "Vision/Backbones"]),
            Paper(title="B", topics=["Vision"]),
            Paper(title="C", topics=["NLP / Transformers"]),
        ]
    ).index
    assert index.topics() == {
        "NLP": 1,
        "NLP/Transformers": 1,
        "Vision": 2,
        "Vision/Backbones": 1,
        "Vision/Optical flow": 1,
    }


def test_papers_iterates_every_match_without_a_page_limit(make_library: Callable[..., Library]) -> None:
    index = make_library([Paper(title=f"Paper number {n}", year=1990 + n) for n in range(60)]).index
    papers = list(index.papers(sort="year"))
    assert len(papers) == 60
    assert [p.year for p in papers] == sorted((p.year for p in papers), reverse=True)
    assert len(list(index.papers(Filters(year_from=2040)))) == 10


def test_past_the_rank_limit_pages_cover_every_hit_once(
    make_library: Callable[..., Library], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above RANK_LIMIT hits the newest are ranked, the rest follow; paging loses none."""
    import paperlog.index

    papers = [
        Paper(
            title=f"Paper {n}",
            notes=f"About flow, number {n}.\n",
            status=Status.READ if n % 2 else Status.TO_READ,
            topics=["Vision/Optical flow" if n % 3 else "NLP"],
            tags=["Keep"] if n % 4 == 0 else [],
        )
        for n in range(9)
    ]
    index = make_library(papers).index
    monkeypatch.setattr(paperlog.index, "RANK_LIMIT", 3)
    pages = [index.search("flow", limit=2, offset=offset) for offset in range(0, 10, 2)]
    keys = [h.paper.key for page in pages for h in page.hits]
    assert all(page.total == 9 for page in pages)
    assert len(keys) == 9 and len(set(keys)) == 9
    assert all(h.score is not None for h in pages[0].hits)  # the ranked part comes first
    assert pages[-1].hits[-1].score is None  # the rest, unscored
    read_vision = index.search("flow", Filters(status=(Status.READ,), topic="vision"), limit=None)
    assert {h.paper.title for h in read_vision.hits} == {f"Paper {n}" for n in range(9) if n % 2 and n % 3}
    tagged = index.search("flow", Filters(tags=("keep",)), limit=None)
    assert {h.paper.title for h in tagged.hits} == {"Paper 0", "Paper 4", "Paper 8"}
    # Past the limit with filters, the typed words alone are scored: the same scores as
    # without the filters, on the filtered papers only, and paging still loses none.
    monkeypatch.setattr(paperlog.index, "RANK_LIMIT", 2)
    unfiltered = {h.paper.key: h.score for h in index.search("flow", limit=None).hits}
    filtered = Filters(status=(Status.READ,), topic="vision")
    pages = [index.search("flow", filtered, limit=1, offset=offset) for offset in range(4)]
    hits = [h for page in pages for h in page.hits]
    assert all(page.total == 3 for page in pages)
    assert {h.paper.title for h in hits} == {"Paper 1", "Paper 5", "Paper 7"}
    assert [h.score for h in hits[:2]] == [unfiltered[h.paper.key] for h in hits[:2]]
    assert hits[2].score is None
