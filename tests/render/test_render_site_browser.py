"""The static site in a real headless Chromium, opened from file:// as a user would.

Checks that KaTeX typesets the math of a paper page, that search finds a Chinese word
from the files alone, and saves screenshots under test-output/ for a person to look at.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from paperlog.library import Library
from paperlog.render.site import build_site

CHROMIUM = Path("/usr/bin/chromium")
SHOTS = Path(__file__).resolve().parents[2] / "test-output"
ATTENTION = "2017-vaswani-attention-is-all-you-need"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists() and shutil.which("chromium") is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")),
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.errors = errors
    # Anything not loaded from file:// would be the network: refuse it, and remember it.
    requests: list[str] = []

    def only_files(route: Any) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    opened.route("**/*", only_files)
    opened.network = requests
    yield opened
    context.close()


def test_render_site_browser_home_math_and_search(render_library: Library, tmp_path: Path,
                                                  page: Any) -> None:
    out = tmp_path / "site"
    build_site(render_library, out)
    SHOTS.mkdir(exist_ok=True)

    page.goto((out / "index.html").as_uri())
    assert page.title() == "Reading notes"
    assert page.locator("section.goals svg rect").count() >= 2
    assert page.locator("text=Recently read").count() == 1
    page.screenshot(path=str(SHOTS / "site-home.png"), full_page=True)

    page.goto((out / "papers" / f"{ATTENTION}.html").as_uri())
    page.wait_for_selector(".katex")
    assert page.locator(".katex-display").count() == 1
    assert page.locator(".math-error").count() == 0
    assert page.locator(".notes table td").count() == 4
    natural = page.locator(".notes img").evaluate("img => img.naturalWidth")
    assert natural == 40  # the figure was copied and its path fixed
    page.screenshot(path=str(SHOTS / "site-paper-math.png"), full_page=True)

    page.goto((out / "search.html").as_uri() + "?q=注意力")
    page.wait_for_selector("#search-results li")
    titles = page.locator("#search-results li a.title").all_inner_texts()
    assert titles == ["Attention Is All You Need"]
    page.fill("#q", "分词")
    page.wait_for_function("document.querySelector('#search-status').textContent.startsWith('1 paper')")
    assert page.locator("#search-results li a.title").all_inner_texts() == ["基于深度学习的中文分词研究"]
    page.fill("#q", "residual")
    page.wait_for_function("document.querySelector('#search-status').textContent.startsWith('2 papers')")
    snippets = page.locator("#search-results .snippet").all_inner_texts()
    assert snippets and all(not s.startswith(("· ", "… ·")) and not s.endswith("· …") for s in snippets)
    page.screenshot(path=str(SHOTS / "site-search.png"), full_page=True)
    page.locator("#search-results li a.title").first.click()
    page.wait_for_load_state()
    assert "/papers/" in page.url

    assert page.errors == []
    assert page.network == []


def test_render_site_browser_readme_as_github_shows_it(render_library: Library, page: Any) -> None:
    """The generated README rendered as Markdown (GitHub-flavoured enough: tables, task
    lists) reads well: goals picture shown, contents links land on their sections."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.tasklists import tasklists_plugin

    from paperlog.render.readme import write_readme

    readme = render_library.root / "README.md"
    write_readme(render_library, readme, notes_lines=1)
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.use(tasklists_plugin)
    body = md.render(readme.read_text("utf-8"))
    # GitHub gives each heading an id from its text; do the same so the contents links work.
    body = re.sub(r"<h2>(.+?)</h2>", lambda m: f'<h2 id="{_anchor(m.group(1))}">{m.group(1)}</h2>', body)
    preview = readme.with_suffix(".html")
    preview.write_text(f"<!doctype html><meta charset=utf-8><body style='max-width:900px;margin:auto;"
                       f"font-family:sans-serif'>{body}", encoding="utf-8")
    page.goto(preview.as_uri())
    assert page.locator("img[src='README.goals.svg']").evaluate("img => img.naturalWidth") == 640
    assert page.locator("input[type=checkbox]").count() == 2
    page.locator("a[href='#vision--backbones-2']").click()
    assert page.url.endswith("#vision--backbones-2")
    assert page.locator("#vision--backbones-2").count() == 1
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "readme-as-github.png"), full_page=True)


def _anchor(text: str) -> str:
    import html

    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return re.sub(r"[^\w\- ]", "", text.strip().lower()).replace(" ", "-")
