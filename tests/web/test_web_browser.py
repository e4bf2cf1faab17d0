"""End to end in a real headless Chromium: the app served by uvicorn on 127.0.0.1.

Needs Debian's `chromium` (`/usr/bin/chromium`) and the `playwright` package; skipped
cleanly without them. Screenshots go to `test-output/web/` for a person to look at.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from paperlog.library import Library
from paperlog.web.app import create_app, listening_socket

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "web"
ATTENTION = "2017-vaswani-attention-is-all-you-need"
RESNET = "2016-he-deep-residual-learning-for-image-recognition"

sync_api = pytest.importorskip("playwright.sync_api")

# The app's Content-Security-Policy forbids eval, so waits use locators, not JS strings.


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")),
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield chromium
        chromium.close()


class Server:
    """uvicorn in a background thread, on a free port of 127.0.0.1."""

    def __init__(self, library: Library, **options: Any) -> None:
        import uvicorn

        self.sock = listening_socket("127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        config = uvicorn.Config(create_app(library, **options), log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, kwargs={"sockets": [self.sock]}, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()


@pytest.fixture
def server(library: Library) -> Iterator[Server]:
    with Server(library) as running:
        yield running


@pytest.fixture
def page(browser: Any, server: Server) -> Iterator[Any]:
    """A fresh page; console errors (a CSP violation, a script error) fail the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda msg: problems.append(f"{msg.text} {msg.location.get('url', '')}")
        if msg.type == "error"
        else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.base = server.url
    page.expected_errors = ["status of 409"]  # the conflict test's answer is logged
    yield page
    context.close()
    assert [p for p in problems if not any(e in p for e in page.expected_errors)] == []


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_search_as_you_type_and_open_with_the_keyboard(page: Any) -> None:
    page.goto(page.base + "/")
    assert page.locator(".results li.result").count() == 4
    page.keyboard.press("/")
    page.keyboard.type("identity short")
    sync_api.expect(page.locator(".results li.result")).to_have_count(1)
    assert page.locator(".snippet mark").first.inner_text().lower() == "identity"
    assert page.url.endswith("/?q=identity%20short")  # the search is in the address bar
    shot(page, "library-search")
    page.keyboard.press("ArrowDown")  # from the search box into the results
    assert page.locator(".results li.result.selected").count() == 1
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/paper/{RESNET}")
    assert page.locator("h1").inner_text() == "Deep Residual Learning for Image Recognition"


def test_snippet_formulas_are_typeset_on_load_and_as_you_type(page: Any, library: Library) -> None:
    from paperlog.model import Paper

    notes = "## Scaling\nThe $1/\\sqrt{d_k}$ factor matters:\nwithout it $\\operatorname{softmax}$ saturates."
    library.add(Paper(title="Scaled attention", notes=notes))
    page.goto(page.base + "/?q=saturates")
    formulas = page.locator(".snippet .math.math-done")
    sync_api.expect(formulas.first).to_be_visible()
    assert page.locator(".snippet .math-error").count() == 0
    assert page.locator(".snippet .katex").count() == formulas.count() > 0
    assert "$" not in page.locator(".snippet").first.inner_text()
    page.locator("#q").fill("")
    page.locator("#q").type("softmax")  # the match is inside a formula: marked whole
    sync_api.expect(page.locator(".snippet mark .katex").first).to_be_visible()
    shot(page, "library-search-math")


def test_j_and_k_move_through_the_results(page: Any) -> None:
    page.goto(page.base + "/?sort=title")
    page.locator("h2").first.click()  # out of the search box
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("k")
    page.keyboard.press("j")
    selected = page.locator(".results li.result.selected .title")
    sync_api.expect(selected).to_have_text("Deep Residual Learning for Image Recognition")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/paper/{RESNET}")


def test_filters_update_the_results(page: Any) -> None:
    page.goto(page.base + "/")
    page.get_by_label("to-read", exact=False).first.check()
    sync_api.expect(page.locator(".results li.result")).to_have_count(1)
    assert "RAFT" in page.locator(".results .title").first.inner_text()
    shot(page, "library-filtered")


def test_a_paper_page_renders_math(page: Any) -> None:
    page.goto(page.base + f"/paper/{RESNET}")
    page.wait_for_selector("#notes .katex")
    assert page.locator("#notes .katex-display").count() == 1
    shot(page, "paper")


def test_edit_preview_and_save(page: Any, library: Library) -> None:
    page.goto(page.base + f"/paper/{ATTENTION}")
    page.keyboard.press("e")
    page.wait_for_url(f"**/paper/{ATTENTION}/edit")
    editor = page.locator("#notes-input")
    editor.fill("Written in the browser.\n\n$$\\sum_i a_i$$\n\n| x | y |\n|---|---|\n| 1 | 2 |\n")
    page.wait_for_selector("#preview .katex")
    assert page.locator("#preview table").count() == 1
    page.locator("input[name=tags]").fill("classic, attention, browser")
    shot(page, "edit")
    page.locator("#save").click()
    page.wait_for_url(f"**/paper/{ATTENTION}")
    text = library.path_for(ATTENTION).read_text("utf-8")
    assert text.endswith("Written in the browser.\n\n$$\\sum_i a_i$$\n\n| x | y |\n|---|---|\n| 1 | 2 |\n")
    assert "browser" in library.load(ATTENTION).paper.tags
    page.wait_for_selector("#notes .katex")


def test_a_status_button(page: Any, library: Library) -> None:
    key = "2020-teed-raft-recurrent-all-pairs-field-transforms-for-optical"
    page.goto(page.base + f"/paper/{key}")
    page.locator(".status-buttons button", has_text="reading").click()
    page.wait_for_selector(".status-buttons button.current:has-text('reading')")
    assert library.load(key).paper.status.value == "reading"  # type: ignore[union-attr]


def test_saving_over_an_edit_made_elsewhere_shows_both_versions(page: Any, library: Library) -> None:
    page.goto(page.base + f"/paper/{ATTENTION}/edit")
    path = library.path_for(ATTENTION)
    theirs = path.read_text("utf-8") + "\nA line added in another editor.\n"
    path.write_text(theirs, "utf-8")
    page.wait_for_selector("#disk-watch .warning", timeout=10_000)  # the page noticed
    page.locator("#notes-input").fill("My browser notes.\n")
    page.locator("#save").click()
    page.wait_for_selector(".conflict")
    assert path.read_text("utf-8") == theirs
    assert "My browser notes." in page.locator("#yours").input_value()
    assert "A line added in another editor." in page.locator("#theirs").input_value()
    shot(page, "conflict")
    page.locator("#keep-mine").click()
    page.wait_for_url(f"**/paper/{ATTENTION}")
    assert path.read_text("utf-8").endswith("My browser notes.\n")


def test_an_open_page_reloads_when_the_file_changes(page: Any, library: Library) -> None:
    page.goto(page.base + f"/paper/{RESNET}")
    library.path_for(RESNET).write_text(
        library.path_for(RESNET).read_text("utf-8") + "\nFresh from vim.\n", "utf-8"
    )
    page.wait_for_selector("#notes :text('Fresh from vim.')", timeout=10_000)


def test_xss_in_notes_does_not_run(page: Any, library: Library) -> None:
    library.set_notes(
        ATTENTION,
        "<script>window.pwned = 1</script>\n\n"
        '<img src="nope.png" onerror="window.pwned = 2">\n\n'
        '<svg onload="window.pwned = 3"></svg>\n\n'
        '<a href="javascript:window.pwned = 4" id="evil">click</a>\n\n'
        "[md link](javascript:window.pwned=5)\n\n"
        '<details open ontoggle="window.pwned = 6"><summary>x</summary></details>\n',
    )
    page.expected_errors += ["/files/papers/nope.png", "/files/papers/x"]  # broken images
    page.goto(page.base + f"/paper/{ATTENTION}")
    page.wait_for_load_state("networkidle")
    if page.locator("#notes a", has_text="click").count():
        page.locator("#notes a", has_text="click").click()
    time.sleep(0.3)
    assert page.evaluate("typeof window.pwned") == "undefined"
    # and in the live preview
    page.goto(page.base + f"/paper/{ATTENTION}/edit")
    page.locator("#notes-input").fill('<img src=x onerror="window.pwned=7"><script>window.pwned=8</script>')
    page.wait_for_timeout(800)
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_add_by_hand_and_reorder_the_queue(page: Any, library: Library) -> None:
    page.goto(page.base + "/add")
    page.locator("#add-form input[name=title]").fill("A Paper Added In The Browser")
    page.locator("#add-form textarea[name=authors]").fill("Grace Hopper")
    page.locator("#add-form input[name=year]").fill("1952")
    page.locator("#add-button").click()
    page.wait_for_selector("h1:has-text('A Paper Added In The Browser')")
    page.goto(page.base + "/queue")
    items = page.locator("#queue li.result .title")
    assert items.count() == 2
    last = items.nth(1).inner_text()
    page.locator("#queue li.result").nth(1).locator("button[title='to the top']").click()
    sync_api.expect(items.first).to_have_text(last)
    shot(page, "queue")
    page.goto(page.base + "/stats")
    shot(page, "stats")


def test_drag_and_drop_in_the_queue(page: Any, library: Library) -> None:
    from paperlog.model import Paper, Status

    for title in ("Second in line", "Third in line"):
        library.add(Paper(title=title, status=Status.TO_READ))
    page.goto(page.base + "/queue")
    titles = page.locator("#queue li.result .title")
    sync_api.expect(titles).to_have_count(3)
    last = titles.nth(2).inner_text()
    page.locator("#queue li.result").nth(2).drag_to(page.locator("#queue li.result").nth(0))
    sync_api.expect(titles.first).to_have_text(last)
    # the order is in the files
    queued = [p for p in library.index.papers() if "queue" in p.extra]
    assert [p.title for p in queued] == [last]


def test_add_by_pasting_an_arxiv_id(browser: Any, empty_library: Library, http_fixtures: Path) -> None:
    import httpx

    from paperlog.sources.http import Fetcher

    def answer(request: httpx.Request) -> httpx.Response:
        if request.url.host == "export.arxiv.org" and "1706.03762" in str(request.url):
            body = (http_fixtures / "arxiv" / "2026_id_list_1706.03762.xml").read_bytes()
            return httpx.Response(200, content=body)
        return httpx.Response(404)

    fetcher = Fetcher(httpx.Client(transport=httpx.MockTransport(answer)), retries=0, rate_limits={})
    with Server(empty_library, fetcher=fetcher) as server:
        context = browser.new_context()
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(server.url + "/add")
        page.locator("#paste").fill("https://arxiv.org/abs/1706.03762v5")
        page.get_by_role("button", name="Look it up").click()
        title = page.locator("#add-form input[name=title]")
        sync_api.expect(title).to_have_value("Attention Is All You Need")
        shot(page, "add-found")
        page.locator("#add-button").click()
        page.wait_for_selector("h1:has-text('Attention Is All You Need')")
        context.close()
        assert errors == []
    paper = next(iter(empty_library.index.papers()))
    assert paper.ids == {"arxiv": "1706.03762"} and paper.extra.get("abstract")


def test_mend_a_broken_file_in_the_browser(page: Any, library: Library) -> None:
    path = library.path_for("broken")
    broken = "---\ntitle: Mended In The Browser\nyear: 2021\nstatus: skimmed\n---\n\nMy notes.\n"
    path.write_text(broken, "utf-8")
    page.expected_errors.append("status of 422")  # the refused save's answer is logged
    summary = page.locator("summary", has_text="could not be read")
    deadline = time.monotonic() + 10
    while not summary.count():  # until the server's file watcher has seen the new file
        assert time.monotonic() < deadline, "the library page never listed the broken file"
        page.goto(page.base + "/")
        time.sleep(0.1)
    summary.click()
    page.locator("details.warning a", has_text="papers/broken.md:4").click()
    page.wait_for_url("**/paper/broken")
    sync_api.expect(page.locator("#load-error")).to_contain_text("papers/broken.md:4 status: 'skimmed'")
    # "go to line 4" selects the line the error names: typing replaces it
    page.locator(".goto-line").click()
    page.keyboard.type("status: readingg")
    page.locator("#save").click()
    sync_api.expect(page.locator("#load-error")).to_contain_text("Not saved")  # still wrong
    assert "status: readingg" in page.locator("#source-input").input_value()
    assert "skimmed" in path.read_text("utf-8")
    page.locator(".goto-line").click()
    page.keyboard.type("status: reading")
    page.keyboard.press("Control+s")
    page.wait_for_url("**/paper/broken")
    sync_api.expect(page.locator("h1")).to_have_text("Mended In The Browser")
    assert page.locator(".status-buttons button.current").inner_text() == "reading"
    assert path.read_text("utf-8") == broken.replace("skimmed", "reading")


def test_every_page_fits_a_phone_screen(browser: Any, server: Server, library: Library) -> None:
    # At 390px the header's links ran off the right edge of every page, a wide formula
    # in the editor's preview widened the whole page, and the library page showed its
    # filters before the search box (a phone's whole first screen of check boxes).
    from paperlog.model import Paper

    wide = "$$" + " + ".join(f"x_{{{i}}}^{{2}}" for i in range(40)) + "$$\n"
    long_title = "A Title That Goes On " + "and On " * 12
    added = library.add(Paper(title=long_title, year=2024, notes=wide, topics=["Theory"]))
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        papers = [f"/paper/{ATTENTION}", f"/paper/{ATTENTION}/source", f"/paper/{added.key}"]
        for path in ["/", "/queue", "/add", "/stats", "/trash", *papers, f"/paper/{added.key}/edit"]:
            page.goto(server.url + path)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 390, f"{path} is {width}px wide"
        page.goto(server.url + "/")
        search_top = page.locator("#q").bounding_box()["y"]
        filters_top = page.locator(".filters").bounding_box()["y"]
        assert search_top < 200 < filters_top
        page.locator(".jump-filters").click()
        assert page.locator("#filters").is_visible()
        shot(page, "library-phone")
        page.set_viewport_size({"width": 1280, "height": 900})
        assert not page.locator(".jump-filters").is_visible()
    finally:
        context.close()
