"""The paper page and the editor: what is shown, what is written, and what is refused."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from paperlog.library import Library, content_hash

pytestmark = pytest.mark.anyio

ATTENTION = "2017-vaswani-attention-is-all-you-need"
RESNET = "2016-he-deep-residual-learning-for-image-recognition"
RAFT = "2020-teed-raft-recurrent-all-pairs-field-transforms-for-optical"


def edit_form(library: Library, key: str, **changes: str) -> dict[str, str]:
    """The edit form as the page fills it in, with some fields changed."""
    paper = library.load(key).paper
    form = {
        "expected_hash": library.load(key).hash,
        "title": paper.title,
        "authors": "\n".join(paper.authors),
        "year": str(paper.year or ""),
        "venue": paper.venue or "",
        "ids": "\n".join(f"{k}: {v}" for k, v in paper.ids.items()),
        "url": paper.url or "",
        "pdf": paper.pdf or "",
        "status": paper.status.value if paper.status else "",
        "read_on": paper.read_on.isoformat() if paper.read_on else "",
        "topics": ", ".join(paper.topics),
        "tags": ", ".join(paper.tags),
        "rating": str(paper.rating or ""),
        "notes": paper.notes,
    }
    form.update(changes)
    return form


async def test_the_paper_page_shows_metadata_links_and_notes(web: Any) -> None:
    response = await web.client.get(f"/paper/{RESNET}")
    assert response.status_code == 200
    page = response.text
    assert "<h1>Deep Residual Learning for Image Recognition</h1>" in page
    assert "Kaiming He, Xiangyu Zhang" in page
    assert 'href="https://arxiv.org/abs/1512.03385"' in page
    assert '<div class="math display">y = F(x) + x</div>' in page
    assert "/static/shared/katex/katex.min.js" in page
    assert 'aria-pressed="true">read</button>' in page
    assert "papers/" + RESNET + ".md" in page


async def test_other_fields_are_shown_as_written(web: Any, library: Library) -> None:
    library.update(RAFT, {"source": {"file": "notes.md", "line": 12}, "reviewers": ["A", "B"]})
    page = (await web.client.get(f"/paper/{RAFT}")).text
    assert "<dd>file: notes.md; line: 12</dd>" in page and "<dd>A, B</dd>" in page


async def test_an_unknown_paper_is_a_404(web: Any) -> None:
    for url in ["/paper/no-such-paper", "/paper/no-such-paper/edit", "/paper/no-such-paper/changed"]:
        response = await web.client.get(url)
        assert response.status_code == 404, url
        assert "no paper matches" in response.text


async def test_images_in_notes_point_at_the_files_route(web: Any, library: Library) -> None:
    library.set_notes(ATTENTION, "![fig](<figures/attention map.png>)\n\n![up](../assets/a.png)\n")
    page = (await web.client.get(f"/paper/{ATTENTION}")).text
    assert 'src="/files/papers/figures/attention%20map.png"' in page
    assert 'src="/files/assets/a.png"' in page


async def test_saving_notes_writes_the_notes_and_keeps_the_front_matter(web: Any, library: Library) -> None:
    before = library.path_for(ATTENTION).read_text("utf-8")
    head = before.split("\n---\n", 1)[0]
    notes = "New notes with $E = mc^2$.\r\n\r\n| a | b |\r\n|---|---|\r\n| 1 | 2 |\r\n"
    await web.get(f"/paper/{ATTENTION}/edit")
    response = await web.post(f"/paper/{ATTENTION}/save", edit_form(library, ATTENTION, notes=notes))
    assert response.status_code == 303
    assert response.headers["location"] == f"/paper/{ATTENTION}"
    after = library.path_for(ATTENTION).read_text("utf-8")
    assert after.startswith(head + "\n---\n")  # the front matter is byte-identical
    assert after.endswith("New notes with $E = mc^2$.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    page = (await web.client.get(f"/paper/{ATTENTION}")).text
    assert '<span class="math inline">E = mc^2</span>' in page and "<table>" in page


async def test_saving_changed_fields_touches_only_their_lines(web: Any, library: Library) -> None:
    before = library.path_for(ATTENTION).read_text("utf-8").splitlines()
    await web.get("/")
    form = edit_form(library, ATTENTION, venue="NIPS", rating="4", tags="classic, attention, must-read")
    response = await web.post(f"/paper/{ATTENTION}/save", form)
    assert response.status_code == 303
    after = library.path_for(ATTENTION).read_text("utf-8").splitlines()
    changed = [line for line in after if line not in before]
    assert any("NIPS" in line for line in changed) and any("must-read" in line for line in changed)
    assert any(line.startswith("rating: 4") for line in changed)
    untouched = [line for line in before if line.startswith(("title:", "year:", "added:"))]
    assert all(line in after for line in untouched)
    paper = library.load(ATTENTION).paper
    assert paper.venue == "NIPS" and paper.rating == 4 and "must-read" in paper.tags


async def test_marking_read_in_the_editor_records_the_day(web: Any, library: Library) -> None:
    await web.get("/")
    response = await web.post(f"/paper/{RAFT}/save", edit_form(library, RAFT, status="read"))
    assert response.status_code == 303
    assert library.load(RAFT).paper.read_on == dt.date.today()


async def test_emptying_a_field_removes_it(web: Any, library: Library) -> None:
    await web.get("/")
    response = await web.post(f"/paper/{ATTENTION}/save", edit_form(library, ATTENTION, rating="", venue=""))
    assert response.status_code == 303
    text = library.path_for(ATTENTION).read_text("utf-8")
    assert "rating:" not in text and "venue:" not in text


async def test_fields_left_out_of_a_form_are_left_alone(web: Any, library: Library) -> None:
    before = library.load(ATTENTION)
    await web.get("/")
    response = await web.post(
        f"/paper/{ATTENTION}/save", {"expected_hash": before.hash, "venue": "NIPS"}
    )
    assert response.status_code == 303
    after = library.load(ATTENTION).paper
    assert after.venue == "NIPS"
    assert after.notes == before.paper.notes and after.tags == before.paper.tags
    assert after.authors == before.paper.authors and after.rating == before.paper.rating


async def test_a_save_with_nothing_changed_writes_nothing(web: Any, library: Library) -> None:
    path = library.path_for(ATTENTION)
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    await web.get("/")
    response = await web.post(f"/paper/{ATTENTION}/save", edit_form(library, ATTENTION))
    assert response.status_code == 303
    assert path.read_bytes() == before and path.stat().st_mtime_ns == mtime


async def test_saving_over_a_file_changed_on_disk_is_refused_and_shows_both(
    web: Any, library: Library
) -> None:
    form = edit_form(library, ATTENTION, notes="My version of the notes.\n")
    path = library.path_for(ATTENTION)
    theirs = path.read_text("utf-8").replace("Self-attention replaces", "Edited in vim: attention replaces")
    path.write_text(theirs, "utf-8")
    await web.get("/")
    response = await web.post(f"/paper/{ATTENTION}/save", form)
    assert response.status_code == 409
    assert path.read_text("utf-8") == theirs  # nothing written
    page = response.text
    assert "changed on disk since you opened it" in page
    assert "My version of the notes." in page  # yours, kept
    assert "Edited in vim: attention replaces" in page  # theirs
    assert '<span class="add">+My version of the notes.</span>' in page
    # Choosing "save mine" posts again with the hash of their version: that one goes through.
    hashes = re.findall(r'name="expected_hash" value="([0-9a-f]+)"', page)
    assert content_hash(theirs) in hashes
    again = await web.post(f"/paper/{ATTENTION}/save", {**form, "expected_hash": content_hash(theirs)})
    assert again.status_code == 303
    assert path.read_text("utf-8").endswith("My version of the notes.\n")


async def test_a_conflict_on_a_status_button_shows_the_file(web: Any, library: Library) -> None:
    old_hash = library.load(RAFT).hash
    path = library.path_for(RAFT)
    path.write_text(path.read_text("utf-8") + "Notes typed elsewhere.\n", "utf-8")
    before = path.read_bytes()
    await web.get("/")
    response = await web.post(f"/paper/{RAFT}/status", {"status": "read", "expected_hash": old_hash})
    assert response.status_code == 409
    assert "Notes typed elsewhere." in response.text and "set the status to read" in response.text
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"status": "someday"}, "invalid status"),
        ({"year": "MMXVII"}, "invalid year"),
        ({"rating": "11"}, "invalid rating"),
        ({"read_on": "yesterday"}, "invalid read_on"),
        ({"read_on": "2099-01-01"}, "expected a date not in the future"),
        ({"title": "   "}, "invalid title"),
        ({"ids": "not an id line"}, "invalid ids (line 1)"),
        ({"expected_hash": ""}, "invalid expected_hash"),
    ],
)
async def test_bad_form_values_are_a_400_and_write_nothing(
    web: Any, library: Library, changes: dict[str, str], message: str
) -> None:
    before = web.bytes_of(ATTENTION)
    await web.get("/")
    form = edit_form(library, ATTENTION, notes="lost?", **changes)
    response = await web.post(f"/paper/{ATTENTION}/save", form)
    assert response.status_code == 400
    assert message in response.text
    assert web.bytes_of(ATTENTION) == before


async def test_a_body_that_is_not_a_form_is_a_400(web: Any) -> None:
    before = web.bytes_of(ATTENTION)
    await web.get("/")
    response = await web.client.post(
        f"/paper/{ATTENTION}/save",
        content=b'{"notes": "json"}',
        headers={"content-type": "application/json", "X-CSRF-Token": web.token},
    )
    assert response.status_code == 400 and "a submitted form" in response.text
    broken = await web.client.post(
        f"/paper/{ATTENTION}/save",
        content=b"--nope\r\ngarbage",
        headers={"content-type": "multipart/form-data; boundary=xyz", "X-CSRF-Token": web.token},
    )
    assert broken.status_code == 400
    assert web.bytes_of(ATTENTION) == before


async def test_saving_an_unknown_paper_is_a_404(web: Any, library: Library) -> None:
    await web.get("/")
    response = await web.post("/paper/not-here/save", edit_form(library, ATTENTION))
    assert response.status_code == 404
    assert not library.path_for("not-here").exists()


async def test_status_buttons(web: Any, library: Library) -> None:
    await web.get("/")
    response = await web.post(f"/paper/{RAFT}/status", {"status": "reading"})
    assert response.status_code == 303
    assert library.load(RAFT).paper.status.value == "reading"  # type: ignore[union-attr]
    await web.post(f"/paper/{RAFT}/status", {"status": "read", "expected_hash": library.load(RAFT).hash})
    paper = library.load(RAFT).paper
    assert paper.status is not None and paper.status.value == "read"
    assert paper.read_on == dt.date.today()
    bad = await web.post(f"/paper/{RAFT}/status", {"status": "finished-ish"})
    assert bad.status_code == 400 and "invalid status" in bad.text


async def test_tags_are_added_and_removed(web: Any, library: Library) -> None:
    await web.get("/")
    await web.post(f"/paper/{RAFT}/tags", {"add": "flow, benchmark"})
    assert library.load(RAFT).paper.tags == ["flow", "benchmark"]
    await web.post(f"/paper/{RAFT}/tags", {"remove": "flow"})
    assert library.load(RAFT).paper.tags == ["benchmark"]
    await web.post(f"/paper/{RAFT}/tags", {"remove": "benchmark"})
    assert "tags:" not in library.path_for(RAFT).read_text("utf-8")


async def test_the_preview_renders_markdown_and_math(web: Any) -> None:
    await web.get("/")
    response = await web.post("/preview", {"notes": "# Head\n\n$a^2$ and `code`\n", "key": ATTENTION})
    assert response.status_code == 200
    assert "<h1>Head</h1>" in response.text
    assert '<span class="math inline">a^2</span>' in response.text
    bad = await web.post("/preview", {"notes": "x", "key": "../etc"})
    assert bad.status_code == 400


async def test_an_open_page_learns_that_the_file_changed(web: Any, library: Library) -> None:
    seen = library.load(ATTENTION).hash
    same = await web.client.get(f"/paper/{ATTENTION}/changed", params={"hash": seen})
    assert same.status_code == 204
    path = library.path_for(ATTENTION)
    path.write_text(path.read_text("utf-8") + "More.\n", "utf-8")
    view = await web.client.get(f"/paper/{ATTENTION}/changed", params={"hash": seen, "mode": "view"})
    assert view.status_code == 200 and view.headers["HX-Refresh"] == "true"
    edit = await web.client.get(f"/paper/{ATTENTION}/changed", params={"hash": seen, "mode": "edit"})
    assert edit.status_code == 200 and "changed on disk" in edit.text


async def test_the_edit_page_shows_the_notes_exactly(web: Any, library: Library) -> None:
    library.set_notes(ATTENTION, "    indented code first\n<b>&amp;</b>\n")
    page = (await web.client.get(f"/paper/{ATTENTION}/edit")).text
    textarea = page.split('id="notes-input"', 1)[1].split("</textarea>", 1)[0]
    # the HTML parser drops one newline right after <textarea>: the template puts it there
    assert textarea.split(">", 1)[1] == "\n    indented code first\n&lt;b&gt;&amp;amp;&lt;/b&gt;\n"


async def test_htmx_errors_are_fragments(web: Any) -> None:
    response = await web.client.get("/paper/nope", headers={"HX-Request": "true"})
    assert response.status_code == 404
    assert "<html" not in response.text and 'role="alert"' in response.text


async def test_keys_with_spaces_and_accents_work_end_to_end(web: Any, library: Library) -> None:
    (library.papers_dir / "Über notes #1.md").write_text("---\ntitle: Über alles\n---\nNotes.\n", "utf-8")
    listing = (await web.client.get("/", params={"q": "alles"})).text
    assert 'href="/paper/%C3%9Cber%20notes%20%231"' in listing
    page = await web.client.get("/paper/%C3%9Cber%20notes%20%231")
    assert page.status_code == 200 and "Über alles" in page.text
    await web.get("/")
    saved = await web.post(
        "/paper/%C3%9Cber%20notes%20%231/status", {"status": "read"}
    )
    assert saved.status_code == 303 and saved.headers["location"] == "/paper/%C3%9Cber%20notes%20%231"
    assert "status: read" in (library.papers_dir / "Über notes #1.md").read_text("utf-8")


@pytest.mark.parametrize("action", ["save", "status", "tags"])
async def test_posting_to_an_unknown_paper_is_a_404(web: Any, library: Library, action: str) -> None:
    before = sorted(p.name for p in library.paper_files())
    await web.get("/")
    response = await web.post(
        f"/paper/nope/{action}", {"status": "read", "add": "x", "expected_hash": "0" * 64, "title": "T"}
    )
    assert response.status_code == 404 and "no paper matches" in response.text
    assert sorted(p.name for p in library.paper_files()) == before


GARBAGE = ["", " ", "%", "%00", "\u202e", "a" * 3000, "../../x", "<script>", "'\"", "🙂", "\\"]


async def test_no_input_gives_a_server_error(web: Any, library: Library) -> None:
    """Whatever the form holds, the answer is a page or a 4xx, never a 500."""
    before = {p.name: p.read_bytes() for p in library.paper_files()}
    await web.get("/")
    for value in GARBAGE:
        for url in ["/", "/stats", "/queue", "/add", "/trash", f"/paper/{value}", f"/files/{value}"]:
            response = await web.client.get(url, params={"q": value, "status": value, "year": value,
                                                         "topic": value, "tag": value, "sort": value,
                                                         "page": value, "hash": value})
            assert response.status_code < 500, (url, value)
        for url in [f"/paper/{ATTENTION}/save", f"/paper/{ATTENTION}/status", f"/paper/{ATTENTION}/tags",
                    "/preview", "/add", "/add/lookup", "/queue/move", "/trash/restore"]:
            form = {name: value for name in ("title", "authors", "year", "venue", "ids", "url", "pdf",
                                             "status", "read_on", "topics", "tags", "rating", "notes",
                                             "expected_hash", "key", "to", "add", "remove", "text")}
            response = await web.post(url, form)
            assert response.status_code < 500, (url, value, response.text[:300])
    # a garbage hash never matches, so no paper was changed; "/add" with a garbage title may
    # have added one (a title of "🙂" is a title), and nothing else
    after = {p.name: p.read_bytes() for p in library.paper_files()}
    assert {name: data for name, data in after.items() if name in before} == before


async def test_trash_and_restore(web: Any, library: Library) -> None:
    text = library.path_for(RAFT).read_text("utf-8")
    await web.get(f"/paper/{RAFT}")
    moved = await web.post(f"/paper/{RAFT}/trash")
    assert moved.status_code == 303 and moved.headers["location"] == f"/trash?moved={RAFT}"
    assert not library.path_for(RAFT).exists()
    assert "RAFT" not in (await web.client.get("/")).text
    page = await web.client.get(moved.headers["location"])
    assert f"Moved <code>{RAFT}</code> to the trash" in page.text and 'id="undo"' in page.text
    back = await web.post("/trash/restore", {"key": RAFT})
    assert back.status_code == 303 and back.headers["location"] == f"/paper/{RAFT}"
    assert library.path_for(RAFT).read_text("utf-8") == text  # byte for byte
    assert "The trash is empty." in (await web.client.get("/trash")).text


async def test_trash_bad_input(web: Any, library: Library) -> None:
    await web.get("/")
    assert (await web.post("/paper/nope/trash")).status_code == 404
    for name in ["nope", "../../paperlog", "/etc/passwd", ""]:
        response = await web.post("/trash/restore", {"key": name})
        assert response.status_code == 404, name
    odd = await web.client.get("/trash", params={"moved": "../x"})
    assert odd.status_code == 200 and "Moved" not in odd.text


async def test_an_open_page_of_a_crlf_file_does_not_see_changes_that_are_not_there(
    web: Any, library: Library
) -> None:
    path = library.path_for(RESNET)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    page = (await web.get(f"/paper/{RESNET}")).text
    seen = re.search(r"changed\?hash=([0-9a-f]+)", page)
    assert seen and seen.group(1) == content_hash(path.read_bytes().decode("utf-8"))
    for mode in ("view", "edit"):
        params = {"hash": seen.group(1), "mode": mode}
        response = await web.client.get(f"/paper/{RESNET}/changed", params=params)
        assert response.status_code == 204, mode  # it used to hash the file with LF line ends
