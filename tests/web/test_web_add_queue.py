"""Adding papers (looked up through recorded answers, or by hand) and the to-read queue."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from paperlog.library import Library
from paperlog.model import Paper, Status
from paperlog.web.adding import _candidate_id, guessed_values
from paperlog.web.queue import move, to_read

pytestmark = pytest.mark.anyio

ATTENTION = "2017-vaswani-attention-is-all-you-need"
RAFT = "2020-teed-raft-recurrent-all-pairs-field-transforms-for-optical"


def replaying(fixtures: Path) -> Any:
    """A Fetcher whose network answers arXiv 1706.03762 from the recording, and 404 else."""
    from paperlog.sources.http import Fetcher

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "export.arxiv.org" and "1706.03762" in str(request.url):
            body = (fixtures / "arxiv" / "2026_id_list_1706.03762.xml").read_bytes()
            return httpx.Response(200, content=body, headers={"content-type": "application/atom+xml"})
        return httpx.Response(404, content=b"not recorded")

    client = httpx.Client(transport=httpx.MockTransport(handler))
    return Fetcher(client, retries=0, rate_limits={}, sleep=lambda _: None)


# -- adding -------------------------------------------------------------------------


async def test_the_add_page(empty_web: Any) -> None:
    response = await empty_web.client.get("/add")
    assert response.status_code == 200
    assert 'name="text"' in response.text and 'id="add-form"' in response.text


async def test_adding_by_hand(empty_web: Any, empty_library: Library) -> None:
    await empty_web.get("/add")
    response = await empty_web.post(
        "/add",
        {
            "title": "A Paper Typed In",
            "authors": "Ada Lovelace\nCharles Babbage",
            "year": "1843",
            "venue": "Notes",
            "ids": "doi: 10.1000/xyz123",
            "status": "to-read",
            "topics": "History/Computing",
            "tags": "",
            "notes": "First thoughts.\r\n",
        },
    )
    assert response.status_code == 303
    key = response.headers["location"].removeprefix("/paper/")
    paper = empty_library.load(key).paper
    assert paper.title == "A Paper Typed In" and paper.authors == ["Ada Lovelace", "Charles Babbage"]
    assert paper.ids == {"doi": "10.1000/xyz123"} and paper.topics == ["History/Computing"]
    assert paper.notes == "First thoughts.\n"
    page = await empty_web.client.get(response.headers["location"])
    assert page.status_code == 200 and "A Paper Typed In" in page.text


async def test_adding_a_paper_read_records_the_day(empty_web: Any, empty_library: Library) -> None:
    import datetime as dt

    await empty_web.get("/add")
    response = await empty_web.post("/add", {"title": "Read already", "status": "read"})
    key = response.headers["location"].removeprefix("/paper/")
    assert empty_library.load(key).paper.read_on == dt.date.today()


async def test_adding_a_paper_twice_is_refused(web: Any, library: Library) -> None:
    count = len(list(library.paper_files()))
    await web.get("/add")
    response = await web.post("/add", {"title": "Attention is all you need", "status": "to-read"})
    assert response.status_code == 409 and "already in the library" in response.text
    assert len(list(library.paper_files())) == count


async def test_adding_with_bad_fields_writes_nothing(empty_web: Any, empty_library: Library) -> None:
    await empty_web.get("/add")
    for form, message in [
        ({"title": ""}, "invalid title"),
        ({"title": "X", "year": "soon"}, "invalid year"),
        ({"title": "X", "status": "maybe"}, "invalid status"),
    ]:
        response = await empty_web.post("/add", form)
        assert response.status_code == 400 and message in response.text
    assert list(empty_library.paper_files()) == []


async def test_looking_up_an_arxiv_id(empty_library: Library, open_web: Any, http_fixtures: Path) -> None:
    async with open_web(empty_library, fetcher=replaying(http_fixtures)) as web:
        await web.get("/add")
        response = await web.post("/add/lookup", {"text": "arXiv:1706.03762"}, headers={"HX-Request": "true"})
        assert response.status_code == 200
        assert "Found it" in response.text
        assert 'value="Attention Is All You Need"' in response.text
        assert "arxiv: 1706.03762" in response.text
        assert "<html" not in response.text  # a fragment for htmx


async def test_looking_up_something_already_here(web: Any) -> None:
    await web.get("/add")
    response = await web.post("/add/lookup", {"text": "1706.03762"})
    assert response.status_code == 200
    assert "Already in the library as" in response.text and ATTENTION in response.text


async def test_a_failed_lookup_offers_the_form(
    empty_library: Library, open_web: Any, http_fixtures: Path
) -> None:
    async with open_web(empty_library, fetcher=replaying(http_fixtures)) as web:
        await web.get("/add")
        response = await web.post("/add/lookup", {"text": "10.1000/does-not-exist"})
        assert response.status_code == 200
        assert "Fill in the form below" in response.text
        assert "doi: 10.1000/does-not-exist" in response.text  # the id is kept for the form


async def test_a_lookup_with_the_network_down_says_so(empty_web: Any) -> None:
    await empty_web.get("/add")
    response = await empty_web.post("/add/lookup", {"text": "Some Title Nobody Wrote"})
    assert response.status_code == 200
    assert "Could not look it up" in response.text and "network" in response.text
    assert 'value="Some Title Nobody Wrote"' in response.text  # the form starts from the title


async def test_an_empty_lookup_is_a_400(empty_web: Any) -> None:
    await empty_web.get("/add")
    response = await empty_web.post("/add/lookup", {"text": "  "})
    assert response.status_code == 400


def test_what_pasted_text_gives_the_form() -> None:
    assert guessed_values("https://arxiv.org/abs/1706.03762v5")["ids"] == "arxiv: 1706.03762"
    assert guessed_values("  Some   Title ")["title"] == "Some Title"
    assert _candidate_id("Attention Is All You Need (2017) [arxiv:1706.03762]") == "arxiv:1706.03762"
    assert _candidate_id("no id here") is None


# -- the queue ----------------------------------------------------------------------


@pytest.fixture
def queued(make_library: Any) -> Library:
    papers = [Paper(title=f"Queued paper {name}", status=Status.TO_READ) for name in "ABCDE"]
    papers.append(Paper(title="Already read", status=Status.READ))
    return make_library(papers, name="queued")  # type: ignore[no-any-return]


def order(library: Library) -> list[str]:
    return [paper.title.removeprefix("Queued paper ") for paper in to_read(library)]


def test_the_queue_starts_in_the_order_papers_were_added(queued: Library) -> None:
    assert order(queued) == ["A", "B", "C", "D", "E"]


def test_moving_papers_writes_few_files(queued: Library) -> None:
    keys = {paper.title[-1]: paper.key for paper in to_read(queued)}
    written = move(queued, keys["D"], 0)
    assert order(queued) == ["D", "A", "B", "C", "E"]
    assert written == [keys["D"]]  # one file: D takes a number, the rest follow unnumbered
    written = move(queued, keys["B"], 0)
    assert order(queued) == ["B", "D", "A", "C", "E"]
    assert written == [keys["B"]]
    move(queued, keys["E"], 1)
    assert order(queued) == ["B", "E", "D", "A", "C"]
    # the order is in the files, as `queue: N`
    text = queued.path_for(keys["E"]).read_text("utf-8")
    assert "\nqueue: " in text
    # squeezing many papers into one gap renumbers, and keeps the order
    for _ in range(6):
        last = to_read(queued)[-1].key
        move(queued, last, 1)
    assert len(order(queued)) == 5 and order(queued)[0] == "B"
    numbers = [p.extra.get("queue") for p in to_read(queued)]
    assert numbers == sorted(numbers, key=lambda n: (n is None, n or 0))


async def test_the_queue_page_and_moving(queued: Library, open_web: Any) -> None:
    async with open_web(queued) as web:
        page = await web.get("/queue")
        assert page.status_code == 200
        assert "Already read" not in page.text and page.text.count('draggable="true"') == 5
        assert "Reading now" not in page.text  # nothing is being read in this library
        key_c = to_read(queued)[2].key
        response = await web.post("/queue/move", {"key": key_c, "to": "0"}, headers={"HX-Request": "true"})
        assert response.status_code == 200 and "<html" not in response.text
        assert order(queued)[0] == "C"
        plain = await web.post("/queue/move", {"key": key_c, "to": "4"})
        assert plain.status_code == 303 and order(queued)[-1] == "C"


async def test_bad_queue_moves(queued: Library, open_web: Any) -> None:
    async with open_web(queued) as web:
        await web.get("/queue")
        before = {p.key: queued.path_for(p.key).read_bytes() for p in to_read(queued)}
        unknown = await web.post("/queue/move", {"key": "nope", "to": "0"})
        assert unknown.status_code == 404
        bad = await web.post("/queue/move", {"key": next(iter(before)), "to": "first"})
        assert bad.status_code == 400 and "invalid to" in bad.text
        assert {k: queued.path_for(k).read_bytes() for k in before} == before


async def test_the_queue_page_shows_what_is_being_read(web: Any) -> None:
    page = (await web.client.get("/queue")).text
    reading = page.split("Reading now", 1)[1].split("To read", 1)[0]
    assert "Denoising Diffusion Probabilistic Models" in reading
    assert "RAFT" in page.split("To read", 1)[1]
