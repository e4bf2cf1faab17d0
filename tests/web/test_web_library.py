"""The library page: search as you type, filters, sort, pages, and edits made elsewhere."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from paperlog.library import Library
from paperlog.model import Paper

pytestmark = pytest.mark.anyio


def titles(page: str) -> list[str]:
    return re.findall(r'<a class="title" href="/paper/[^"]+">([^<]+)</a>', page)


async def test_the_library_page_lists_every_paper(web: Any) -> None:
    response = await web.client.get("/")
    assert response.status_code == 200
    assert "4 papers" in response.text
    assert len(titles(response.text)) == 4
    # the topic tree, with the parents of nested topics
    assert 'value="Vision"' in response.text and 'value="Vision/Optical flow"' in response.text


async def test_search_highlights_the_words_found(web: Any) -> None:
    response = await web.client.get("/", params={"q": "identity shortcuts"})
    assert titles(response.text) == ["Deep Residual Learning for Image Recognition"]
    assert "<mark>Identity</mark> <mark>shortcuts</mark>" in response.text


async def test_search_as_you_type_matches_a_word_being_typed(web: Any) -> None:
    response = await web.client.get("/", params={"q": "diffus"})
    assert "Denoising Diffusion Probabilistic Models" in titles(response.text)


async def test_chinese_notes_are_searchable(web: Any) -> None:
    response = await web.client.get("/", params={"q": "注意力"})
    assert titles(response.text) == ["Attention Is All You Need"]
    assert "<mark>注意力</mark>" in response.text


async def test_one_letter_waits_for_the_next(web: Any) -> None:
    response = await web.client.get("/", params={"q": "a"})
    assert response.status_code == 200
    assert "type another letter" in response.text and len(titles(response.text)) == 4
    chinese = await web.client.get("/", params={"q": "注"})
    assert "type another letter" not in chinese.text


async def test_htmx_asks_for_the_results_only(web: Any) -> None:
    response = await web.client.get(
        "/", params={"q": "attention"}, headers={"HX-Request": "true", "HX-Target": "results"}
    )
    assert response.status_code == 200
    assert "<html" not in response.text and 'class="results"' in response.text
    assert 'hx-swap-oob="true"' in response.text  # the sort field follows the chosen sort


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "to-read"}, {"RAFT: Recurrent All-Pairs Field Transforms for Optical Flow"}),
        ({"status": ["read", "reading"]}, {
            "Attention Is All You Need",
            "Deep Residual Learning for Image Recognition",
            "Denoising Diffusion Probabilistic Models",
        }),
        ({"topic": "Vision"}, {
            "Deep Residual Learning for Image Recognition",
            "RAFT: Recurrent All-Pairs Field Transforms for Optical Flow",
        }),
        ({"tag": "classic"}, {"Attention Is All You Need", "Deep Residual Learning for Image Recognition"}),
        ({"year": "2020"}, {
            "RAFT: Recurrent All-Pairs Field Transforms for Optical Flow",
            "Denoising Diffusion Probabilistic Models",
        }),
        ({"year": "2016-2017"}, {
            "Attention Is All You Need",
            "Deep Residual Learning for Image Recognition",
        }),
        ({"year": "-2016"}, {"Deep Residual Learning for Image Recognition"}),
        ({"q": "recurrence", "status": "read"}, {"Attention Is All You Need"}),
    ],
)
async def test_filters(web: Any, params: dict[str, Any], expected: set[str]) -> None:
    response = await web.client.get("/", params=params)
    assert response.status_code == 200
    assert set(titles(response.text)) == expected


async def test_sort_orders(web: Any) -> None:
    by_year = titles((await web.client.get("/", params={"sort": "year"})).text)
    assert by_year[-1] == "Deep Residual Learning for Image Recognition"
    by_title = titles((await web.client.get("/", params={"sort": "title"})).text)
    assert by_title == sorted(by_title, key=str.lower)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"status": "someday"}, "invalid status"),
        ({"year": "last year"}, "invalid year"),
        ({"year": "20"}, "invalid year"),
        ({"sort": "random"}, "invalid sort"),
        ({"page": "0"}, "invalid page"),
        ({"page": "two"}, "invalid page"),
        ({"q": "x" * 600}, "invalid q"),
    ],
)
async def test_bad_parameters_are_a_400_with_a_message(
    web: Any, params: dict[str, str], message: str
) -> None:
    response = await web.client.get("/", params=params)
    assert response.status_code == 400
    assert message in response.text


async def test_odd_queries_do_not_crash(web: Any) -> None:
    for q in ['"', "AND", "NOT", "*", "title:", "(", "a OR", "NEAR(", "-x", "'"]:
        response = await web.client.get("/", params={"q": q})
        assert response.status_code in {200, 400}, q


async def test_pages(empty_web: Any, empty_library: Library) -> None:
    for number in range(60):
        empty_library.add(Paper(title=f"Paper number {number}", year=2000 + number % 20))
    first = await empty_web.client.get("/", params={"sort": "title"})
    assert "60 papers" in first.text and "page 1 of 2" in first.text
    assert len(titles(first.text)) == 50
    second = await empty_web.client.get("/", params={"sort": "title", "page": "2"})
    assert len(titles(second.text)) == 10
    assert not set(titles(first.text)) & set(titles(second.text))
    assert 'rel="prev"' in second.text and 'rel="next"' not in second.text
    searched = await empty_web.client.get("/", params={"q": "paper number", "sort": "title"})
    assert "60 papers" in searched.text and "page 1 of 3" in searched.text  # 25 when searching
    assert len(titles(searched.text)) == 25
    past = await empty_web.client.get("/", params={"page": "9"})
    assert past.status_code == 200 and "No papers" in past.text


async def test_an_edit_made_in_another_program_shows_up(web: Any, library: Library) -> None:
    assert "Flow fields" not in (await web.client.get("/")).text
    path = library.path_for("2020-teed-raft-recurrent-all-pairs-field-transforms-for-optical")
    path.write_text(path.read_text("utf-8").replace("title: 'RAFT", "title: 'Flow fields: RAFT"), "utf-8")
    text = path.read_text("utf-8")
    assert "Flow fields" in text, text
    listed = (await web.client.get("/", params={"q": "flow fields"})).text
    assert "Flow fields: RAFT" in listed
    # a new file, written by hand
    (library.papers_dir / "handwritten.md").write_text("---\ntitle: Written by hand\n---\nNotes.\n")
    assert "Written by hand" in titles((await web.client.get("/")).text)


async def test_broken_files_are_reported_not_fatal(web: Any, library: Library) -> None:
    (library.papers_dir / "broken.md").write_text("---\ntitle: [unclosed\n---\n")
    response = await web.client.get("/")
    assert response.status_code == 200
    assert "could not be read" in response.text and "broken.md" in response.text
    page = await web.client.get("/paper/broken")
    assert page.status_code == 422
    assert "cannot be read" in page.text and "title: [unclosed" in page.text


async def test_stats_page(web: Any, library: Library) -> None:
    response = await web.client.get("/stats")
    assert response.status_code == 200
    assert "4 papers" in response.text and "2 read" in response.text
    assert "Read per month" in response.text
    assert 'href="/?topic=NLP/Transformers"' in response.text


async def test_stats_page_shows_goals(web: Any, library: Library) -> None:
    from paperlog import goals
    goals.add_goal(library, goals.ReadingGoal(name="Read two", target=2, since=dt.date(2024, 1, 1)))
    response = await web.client.get("/stats")
    assert "Read two" in response.text and "2 / 2 · since 2024-01-01" in response.text


async def test_goals_are_added_and_removed_in_the_browser(web: Any, library: Library) -> None:
    toml = library.root / "paperlog.toml"
    await web.get("/stats")
    added = await web.post(
        "/goals", {"name": "Vision this year", "target": "3", "since": "2024-01-01", "topics": "Vision"}
    )
    assert added.status_code == 303
    assert 'name = "Vision this year"' in toml.read_text("utf-8")
    page = (await web.client.get("/stats")).text
    assert "Vision this year" in page and "1 / 3" in page  # ResNet, read in 2024, is Vision
    removed = await web.post("/goals/remove", {"name": "Vision this year"})
    assert removed.status_code == 303 and "Vision this year" not in toml.read_text("utf-8")


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"name": "x", "target": "many"}, "invalid target"),
        ({"name": "", "target": "3"}, "a goal needs a name"),
        ({"name": "x", "target": "0"}, "at least 1"),
        ({"name": "x", "target": "3", "since": "2025-01-01", "until": "2024-01-01"}, "is before"),
        ({"name": "x", "target": "3", "since": "someday"}, "invalid since"),
    ],
)
async def test_bad_goals_are_refused(web: Any, library: Library, form: dict[str, str], message: str) -> None:
    toml = library.root / "paperlog.toml"
    before = toml.read_bytes()
    await web.get("/stats")
    response = await web.post("/goals", form)
    assert response.status_code == 400 and message in response.text
    assert toml.read_bytes() == before
    missing = await web.post("/goals/remove", {"name": "no such goal"})
    assert missing.status_code == 400 and "no goal named" in missing.text


async def test_static_files_are_vendored(web: Any) -> None:
    for url in ["/static/htmx.min.js", "/static/app.js", "/static/app.css",
                "/static/shared/katex/katex.min.js", "/static/shared/math.js"]:
        response = await web.client.get(url)
        assert response.status_code == 200, url
    license_text = (await web.client.get("/static/htmx.LICENSE")).text
    assert "Zero-Clause BSD" in license_text


async def test_unknown_routes_are_404_pages(web: Any) -> None:
    response = await web.client.get("/no/such/page")
    assert response.status_code == 404 and "Not found" in response.text



def test_the_word_being_typed_is_completed_from_two_letters() -> None:
    from paperlog.web.search import completes_last_word

    assert completes_last_word("atten") and completes_last_word("deep re")
    assert not completes_last_word("a") and not completes_last_word("deep r")
    assert not completes_last_word("attention ") and not completes_last_word('"optical flow"')
    assert completes_last_word("注")
    assert not completes_last_word("")


async def test_export_what_the_library_page_shows(web: Any) -> None:
    everything = await web.client.get("/export/bibtex")
    assert everything.status_code == 200
    assert everything.headers["content-disposition"] == 'attachment; filename="papers.bib"'
    assert everything.text.count("@") == 4 and "vaswani2017attention" in everything.text
    read_vision = await web.client.get("/export/ris", params={"status": "read", "topic": "Vision"})
    assert read_vision.text.count("TY  - ") == 1 and "Deep Residual Learning" in read_vision.text
    searched = await web.client.get("/export/csl-json", params={"q": "diffusion"})
    assert "Denoising Diffusion Probabilistic Models" in searched.text
    assert "Attention Is All You Need" not in searched.text
    page = (await web.client.get("/", params={"q": "diffusion"})).text
    assert 'href="/export/bibtex?q=diffusion"' in page


async def test_export_one_paper_and_bad_input(web: Any) -> None:
    one = await web.client.get("/export/bibtex", params={"key": "2017-vaswani-attention-is-all-you-need"})
    assert one.status_code == 200 and one.text.count("@") == 1
    assert 'filename="2017-vaswani-attention-is-all-you-need.bib"' in one.headers["content-disposition"]
    assert (await web.client.get("/export/docx")).status_code == 400
    assert (await web.client.get("/export/bibtex", params={"key": "../x"})).status_code == 404
    assert (await web.client.get("/export/bibtex", params={"key": "nope"})).status_code == 404
    assert (await web.client.get("/export/bibtex", params={"status": "soon"})).status_code == 400


async def test_the_stats_of_an_empty_library_say_so(empty_web: Any) -> None:
    # It drew a flat chart of 24 empty months and empty "Status" and "Papers by year" lists.
    page = (await empty_web.client.get("/stats")).text
    assert "No papers yet, so nothing to count" in page
    assert 'href="/add"' in page
    assert "Read per month" not in page
    assert "Set a reading goal" in page


async def test_snippets_set_blocks_apart_and_typeset_formulas(empty_web: Any, empty_library: Library) -> None:
    notes = (
        "## Method\nWe propose $\\alpha$-scaling\nof the logits.\n\n"
        "- the score is $\\operatorname{softmax}(x)$\n- a <b>bold</b> claim: x < y\n"
    )
    empty_library.add(Paper(title="Scaling", notes=notes))
    page = (await empty_web.client.get("/", params={"q": "propose"})).text
    snippet = re.search(r'<p class="snippet">(.*?)</p>', page, re.S)
    assert snippet is not None
    assert snippet.group(1) == (
        'Method · We <mark>propose</mark> <span class="math inline">\\alpha</span>-scaling of the logits.'
        ' · the score is <span class="math inline">\\operatorname{softmax}(x)</span>'
        " · a bold claim: x &lt; y"
    )
    assert '<script src="/static/shared/katex/katex.min.js" defer></script>' in page
    assert '<script src="/static/shared/math.js" defer></script>' in page
    # a match inside a formula marks the whole formula (KaTeX replaces what is inside)
    page = (await empty_web.client.get("/", params={"q": "softmax"})).text
    assert '<mark><span class="math inline">\\operatorname{softmax}(x)</span></mark>' in page
