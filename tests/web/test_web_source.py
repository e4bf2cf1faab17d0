"""The whole-file editor: mending a paper file that does not load, and editing any file raw."""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import Any

import pytest

from paperlog.library import Library, content_hash

pytestmark = pytest.mark.anyio

ATTENTION = "2017-vaswani-attention-is-all-you-need"
RESNET = "2016-he-deep-residual-learning-for-image-recognition"

BROKEN = "---\ntitle: A Paper I Broke\nyear: 2021\nstatus: skimmed\n---\n\nMy notes, $x^2$.\n"
FIXED = BROKEN.replace("status: skimmed", "status: reading")


def textarea(page: str, name: str = "source-input") -> str:
    """What a browser would put in the textarea: its text, unescaped, less the first newline."""
    found = re.search(rf'<textarea id="{name}"[^>]*>\n(.*?)</textarea>', page, re.S)
    assert found, page[:2000]
    return html.unescape(found.group(1))


def form_hash(page: str) -> str:
    found = re.search(r'name="expected_hash" value="([0-9a-f]+)"', page)
    assert found, page[:2000]
    return found.group(1)


def as_browser_sends(text: str) -> str:
    """Browsers submit a textarea's lines ending in CRLF, whatever the file had."""
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def snapshot(library: Library, *, leave_out: str) -> dict[Path, bytes]:
    """Every file in the library folder but one paper's (and the index), as bytes."""
    skip = {library.path_for(leave_out)}
    return {
        path: path.read_bytes()
        for path in sorted(library.root.rglob("*"))
        if path.is_file() and path not in skip and library.state_dir not in path.parents
    }


async def save(web: Any, key: str, expected_hash: str, text: str, **kwargs: Any) -> Any:
    """Post the editor's form as a browser does (CRLF line ends, the CSRF token)."""
    form = {"expected_hash": expected_hash, "text": as_browser_sends(text)}
    return await web.post(f"/paper/{key}/source", form, **kwargs)


@pytest.fixture
def broken(library: Library) -> str:
    library.path_for("broken").write_text(BROKEN, "utf-8")
    return "broken"


async def test_the_page_of_a_broken_file_is_the_editor_with_the_error(web: Any, broken: str) -> None:
    response = await web.get(f"/paper/{broken}")
    assert response.status_code == 422
    page = response.text
    assert "This paper file cannot be read" in page
    assert '<form id="edit-form" class="edit source-edit" method="post" action="/paper/broken/source"' in page
    assert "<code>papers/broken.md:4</code> status: &#39;skimmed&#39; is not one of" in page
    assert 'data-line="4">go to line 4</button>' in page
    assert textarea(page) == BROKEN  # the whole file: front matter and notes
    assert form_hash(page) == content_hash(BROKEN)
    excerpt = re.search(r'<pre class="excerpt"[^>]*>(.*?)</pre>', page, re.S)
    assert excerpt is not None
    assert '<span class="named"><span class="n">4</span>status: skimmed</span>' in excerpt.group(1)
    assert '<span class="n">2</span>title: A Paper I Broke' in excerpt.group(1)
    assert '<a class="button secondary" href="/">Back to the library</a>' in page


async def test_the_error_list_links_to_the_broken_file(web: Any, broken: str) -> None:
    page = (await web.get("/")).text
    assert '<li><a href="/paper/broken">papers/broken.md:4: status: ' in page


async def test_an_error_with_no_line_and_one_past_the_end(web: Any, library: Library) -> None:
    library.path_for("untitled").write_text("---\nyear: 2020\n---\n", "utf-8")
    page = (await web.get("/paper/untitled")).text
    assert "<code>papers/untitled.md</code> title: missing" in page
    assert "go to line" not in page and 'class="excerpt"' not in page
    library.path_for("unclosed").write_text("---\ntitle: X\nNotes\n", "utf-8")
    page = (await web.get("/paper/unclosed")).text
    assert "<code>papers/unclosed.md:4</code> front matter is not closed" in page
    assert '<span class="named"><span class="n">4</span></span>' in page


async def test_saving_a_fix_writes_the_file_updates_the_index_and_redirects(
    web: Any, library: Library, broken: str
) -> None:
    path = library.path_for(broken)
    others = snapshot(library, leave_out=broken)
    page = (await web.get(f"/paper/{broken}")).text
    inode = os.stat(path).st_ino
    response = await save(web, broken, form_hash(page), FIXED)
    assert response.status_code == 303
    assert response.headers["location"] == f"/paper/{broken}"
    assert path.read_bytes() == FIXED.encode("utf-8")  # LF kept: the file had LF line ends
    assert os.stat(path).st_ino != inode  # a new file renamed over the old one, not rewritten
    assert [p.name for p in library.papers_dir.iterdir() if p.name.startswith(".")] == []
    assert snapshot(library, leave_out=broken) == others
    assert library.index.errors() == []
    assert [hit.paper.key for hit in library.index.search("broke").hits] == [broken]
    shown = await web.get(f"/paper/{broken}")
    assert shown.status_code == 200 and "<h1>A Paper I Broke</h1>" in shown.text
    assert "could not be read" not in (await web.get("/")).text


async def test_a_save_that_still_does_not_load_writes_nothing_and_keeps_the_text(
    web: Any, library: Library, broken: str
) -> None:
    path = library.path_for(broken)
    page = (await web.get(f"/paper/{broken}")).text
    typed = BROKEN.replace("My notes", "Notes I typed <b>& kept</b>").replace("year: 2021", "year: 20x1")
    response = await save(web, broken, form_hash(page), typed)
    assert response.status_code == 422
    assert path.read_text("utf-8") == BROKEN
    assert "Not saved: this text does not load as a paper" in response.text
    assert "<code>papers/broken.md:3</code> year: " in response.text  # file, line, field
    assert textarea(response.text) == typed
    assert "data-unsaved" in response.text
    assert form_hash(response.text) == content_hash(BROKEN)  # still the file on disk
    # mended on the second try, from the page the refusal sent back
    again = typed.replace("year: 20x1", "year: 2021").replace("status: skimmed", "status: read")
    response = await save(web, broken, form_hash(response.text), again)
    assert response.status_code == 303
    assert path.read_text("utf-8") == again
    assert library.load(broken).paper.notes.startswith("Notes I typed <b>& kept</b>")


async def test_a_file_changed_since_the_editor_opened_is_not_overwritten(
    web: Any, library: Library, broken: str
) -> None:
    path = library.path_for(broken)
    page = (await web.get(f"/paper/{broken}")).text
    theirs = BROKEN.replace("status: skimmed", "status: to-read") + "\nAdded in vim.\n"
    path.write_text(theirs, "utf-8")
    mine = FIXED.replace("My notes", "Mine")
    response = await save(web, broken, form_hash(page), mine)
    assert response.status_code == 409
    assert path.read_text("utf-8") == theirs
    assert "changed on disk since you opened it" in response.text
    assert textarea(response.text) == mine
    assert textarea(response.text, "theirs") == theirs
    assert "Save mine over the version on disk" in response.text
    assert form_hash(response.text) == content_hash(theirs)
    # saving from that page is a choice made knowing what is on disk
    response = await save(web, broken, form_hash(response.text), mine)
    assert response.status_code == 303
    assert path.read_text("utf-8") == mine


async def test_a_stale_hash_is_refused_even_for_text_that_does_not_load(
    web: Any, library: Library, broken: str
) -> None:
    path = library.path_for(broken)
    response = await save(web, broken, content_hash("an older version"), "no front matter")
    assert response.status_code == 409
    assert path.read_text("utf-8") == BROKEN
    assert textarea(response.text) == "no front matter"


async def test_writes_need_the_csrf_token_and_the_hash(web: Any, library: Library, broken: str) -> None:
    path = library.path_for(broken)
    await web.get("/")
    refused = await web.client.post(
        f"/paper/{broken}/source", data={"expected_hash": content_hash(BROKEN), "text": FIXED}
    )
    assert refused.status_code == 403
    cross_site = await web.client.post(
        f"/paper/{broken}/source",
        data={"csrf_token": web.token, "expected_hash": content_hash(BROKEN), "text": FIXED},
        headers={"origin": "https://evil.example"},
    )
    assert cross_site.status_code == 403
    no_hash = await web.post(f"/paper/{broken}/source", {"text": FIXED})
    assert no_hash.status_code == 400 and "expected_hash" in no_hash.text
    assert path.read_text("utf-8") == BROKEN


async def test_keys_out_of_the_papers_folder_are_refused(web: Any, library: Library) -> None:
    for url in ["/paper/..%2Fpaperlog.toml/source", "/paper/%2E%2E/%2E%2E/etc/passwd/source"]:
        assert (await web.client.get(url)).status_code == 404, url
    response = await web.post("/paper/..%2Fpaperlog.toml/source", {"expected_hash": "0", "text": "x"})
    assert response.status_code == 404
    assert (await web.client.get("/paper/no-such-paper/source")).status_code == 404


async def test_a_healthy_paper_offers_its_file_and_saves_it(web: Any, library: Library) -> None:
    path = library.path_for(ATTENTION)
    before = path.read_text("utf-8")
    others = snapshot(library, leave_out=ATTENTION)
    page = (await web.get(f"/paper/{ATTENTION}")).text
    assert f'href="/paper/{ATTENTION}/source" id="source-link"' in page
    editor = await web.get(f"/paper/{ATTENTION}/source")
    assert editor.status_code == 200
    assert textarea(editor.text) == before
    assert 'id="load-error"' not in editor.text
    assert f'<a class="button secondary" href="/paper/{ATTENTION}">Cancel</a>' in editor.text
    edited = before.replace("venue: NeurIPS", "venue: NIPS\nreviewed: yes") + "A line at the end.\n"
    response = await save(web, ATTENTION, form_hash(editor.text), edited)
    assert response.status_code == 303
    assert path.read_text("utf-8") == edited
    assert library.load(ATTENTION).paper.venue == "NIPS"
    assert snapshot(library, leave_out=ATTENTION) == others


async def test_htmx_gets_a_redirect_header(web: Any, library: Library) -> None:
    text = library.path_for(RESNET).read_text("utf-8")
    await web.get("/")
    response = await save(web, RESNET, content_hash(text), text + "More.\n", headers={"hx-request": "true"})
    assert response.status_code == 204 and response.headers["hx-redirect"] == f"/paper/{RESNET}"


async def test_crlf_files_keep_their_line_ends(web: Any, library: Library) -> None:
    path = library.path_for(RESNET)
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    before = path.read_bytes().decode("utf-8")
    page = (await web.get(f"/paper/{RESNET}/source")).text
    assert form_hash(page) == content_hash(before)
    edited = before.replace("Deep Residual Learning", "Deep Residual Learning!")
    response = await save(web, RESNET, form_hash(page), edited)
    assert response.status_code == 303
    assert path.read_bytes() == edited.encode("utf-8")  # every line still ends in CRLF


async def test_the_open_editor_hears_of_changes_on_disk(web: Any, library: Library, broken: str) -> None:
    seen = content_hash(BROKEN)
    url = f"/paper/{broken}/changed"
    quiet = await web.client.get(url, params={"hash": seen, "mode": "source"})
    assert quiet.status_code == 204
    library.path_for(broken).write_text(FIXED, "utf-8")
    warned = await web.client.get(url, params={"hash": seen, "mode": "source"})
    assert warned.status_code == 200 and "changed on disk" in warned.text
    assert f'href="/paper/{broken}/source"' in warned.text
    assert "hx-refresh" not in warned.headers  # what the user typed stays on the page


async def test_a_file_that_is_not_utf8_is_shown_not_edited(web: Any, library: Library) -> None:
    library.path_for("latin1").write_bytes("---\ntitle: Gödel\n---\n".encode("latin-1"))
    page = await web.get("/paper/latin1")
    assert page.status_code == 422
    assert "not UTF-8 text" in page.text and "cannot edit a file that is not UTF-8" in page.text
    assert 'id="source-input"' not in page.text
    assert (await web.get("/paper/latin1/source")).status_code == 422
