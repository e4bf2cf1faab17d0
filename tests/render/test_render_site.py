"""`paperlog site build`: pages, safety, relative links, incremental rebuilds."""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from typer.testing import CliRunner

from paperlog.cli import app
from paperlog.errors import PaperlogError
from paperlog.library import Library
from paperlog.render.site import MANIFEST, build_site

runner = CliRunner()
ATTENTION = "2017-vaswani-attention-is-all-you-need"
HUANG = "2016-huang-deep-residual-networks-with-stochastic-depth"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.scripts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.urls.append(value)
        if tag == "script":
            self.scripts.append(dict(attrs).get("src") or "<inline>")


def _snapshot(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}


@pytest.fixture
def site(render_library: Library, tmp_path: Path) -> Path:
    out = tmp_path / "site"
    build_site(render_library, out)
    return out


@pytest.mark.parametrize("page", ["index.html", f"papers/{ATTENTION}.html", f"papers/{HUANG}.html",
                                  "topics/index.html", "status/read.html", "papers.html"])
def test_render_site_golden(site: Path, golden: Callable[[str, str], None], page: str) -> None:
    golden("site/" + page, (site / page).read_text("utf-8"))


def test_render_site_layout_for_github_pages(site: Path) -> None:
    for name in ("index.html", "papers.html", "search.html", "search-index.js", ".nojekyll",
                 "static/katex/katex.min.js", "static/katex/katex.min.css", "static/math.js",
                 "static/site/search.js", "static/site/site.css", "topics/vision.html",
                 "topics/vision-backbones.html", "topics/nlp-分词.html", "years/2016.html",
                 "status/to-read.html", "assets/papers/figures/attention.svg", MANIFEST):
        assert (site / name).is_file(), name
    assert list((site / "static/katex/fonts").glob("*.woff2"))


def test_render_site_links_are_relative_and_resolve(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    broken = []
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text("utf-8"))
        for script in parser.scripts:  # nothing is loaded from the network
            assert script == "<inline>" or not urlsplit(script).scheme, (page, script)
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme or url.startswith("#"):
                assert parts.scheme in ("http", "https"), (page, url)
                continue
            assert not url.startswith("/"), (page, url)
            target = (page.parent / unquote(parts.path)).resolve()
            if not target.is_file():
                broken.append((page.relative_to(site).as_posix(), url))
    # The one broken link is the image the notes themselves get wrong (`<img src=x>`).
    assert broken == [(f"papers/{HUANG}.html", "x")]


def test_render_site_paper_page_renders_notes_safely(site: Path) -> None:
    html = (site / f"papers/{ATTENTION}.html").read_text("utf-8")
    assert '<div class="math display">' in html
    assert 'src="../static/katex/katex.min.js"' in html
    assert "<table>" in html
    assert '<img src="../assets/papers/figures/attention.svg" alt="attention">' in html
    huang = (site / f"papers/{HUANG}.html").read_text("utf-8")
    assert "alert" not in huang and "onerror" not in huang
    assert "katex" not in huang  # no math on this page: KaTeX is not loaded


def test_render_site_search_index_has_chinese_text(site: Path) -> None:
    data = (site / "search-index.js").read_text("utf-8")
    assert data.startswith("window.PAPERLOG_SEARCH = {")
    assert "注意力机制" in data and f"papers/{ATTENTION}.html" in data


def test_render_site_search_text_sets_blocks_apart() -> None:
    from paperlog.render.search_index import plain_text

    notes = (
        "## Method\nWe propose a new\nmethod, $O(n^2)$ in time.\n\n- first item\n2. second\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n\n> a quote\n"
    )
    assert plain_text(notes) == (
        "Method · We propose a new method, O(n^2) in time. · first item · second · a b · 1 2 · a quote"
    )
    tex = "$$\\operatorname{softmax}\\!\\left(\\frac{QK^\\top}{\\sqrt{d_k}}\\right) V$$"
    assert plain_text(tex) == "softmax ( frac QK^ top sqrt d k ) V"


def test_render_site_second_build_writes_nothing(render_library: Library, site: Path) -> None:
    before = _snapshot(site)
    report = build_site(render_library, site)
    assert report.written == 0 and report.rendered_papers == 0 and report.removed == 0
    after = _snapshot(site)
    del before[MANIFEST], after[MANIFEST]
    assert after == before


def test_render_site_rebuild_after_editing_notes_rewrites_only_that_page(
    render_library: Library, site: Path
) -> None:
    before = _snapshot(site)
    render_library.set_notes(ATTENTION, "New notes: $E = mc^2$ and 新的笔记。\n")
    report = build_site(render_library, site)
    after = _snapshot(site)
    changed = {name for name in after if after[name] != before.get(name)}
    assert changed == {f"papers/{ATTENTION}.html", "search-index.js", MANIFEST}
    assert report.rendered_papers == 1
    assert "新的笔记" in (site / f"papers/{ATTENTION}.html").read_text("utf-8")


def test_render_site_rebuild_after_retitling_rewrites_the_lists_that_show_it(
    render_library: Library, site: Path
) -> None:
    before = _snapshot(site)
    render_library.update(ATTENTION, {"title": "Attention Is Really All You Need"})
    build_site(render_library, site)
    after = _snapshot(site)
    changed = {name for name in after if after[name] != before.get(name)}
    assert f"papers/{ATTENTION}.html" in changed
    assert {"papers.html", "topics/nlp.html", "topics/nlp-transformers.html", "years/2017.html",
            "status/read.html", "index.html"} <= changed
    assert not any(name.startswith("papers/") and ATTENTION not in name for name in changed)
    assert "topics/vision.html" not in changed and "years/2016.html" not in changed


def test_render_site_removes_pages_of_deleted_papers_only(render_library: Library, site: Path) -> None:
    (site / "CNAME").write_text("papers.example.org\n", encoding="utf-8")  # the user's own file
    render_library.trash(HUANG)
    report = build_site(render_library, site)
    assert not (site / f"papers/{HUANG}.html").exists()
    assert report.removed >= 1
    assert (site / "CNAME").read_text("utf-8") == "papers.example.org\n"


def test_render_site_refuses_a_folder_it_did_not_build(render_library: Library, tmp_path: Path) -> None:
    out = tmp_path / "mine"
    out.mkdir()
    (out / "index.html").write_text("hand-written\n", encoding="utf-8")
    with pytest.raises(PaperlogError, match="not built by paperlog"):
        build_site(render_library, out)
    assert (out / "index.html").read_text("utf-8") == "hand-written\n"
    with pytest.raises(PaperlogError, match="holds the library"):
        build_site(render_library, render_library.root)
    with pytest.raises(PaperlogError, match="holds the library"):
        build_site(render_library, render_library.papers_dir / "site")


def test_render_site_cli(render_library: Library) -> None:
    result = runner.invoke(app, ["-L", str(render_library.root), "site", "build"])
    assert result.exit_code == 0, result.output
    assert re.search(r"Built .*_site: \d+ files written, 0 unchanged", result.output)
    assert f"image not found, left as written: {HUANG}: x" in result.output
    result = runner.invoke(app, ["-L", str(render_library.root), "site", "build"])
    assert re.search(r"0 files written, \d+ unchanged, 0 removed", result.output)
    result = runner.invoke(app, ["-L", str(render_library.root), "site", "build", "--full"])
    assert re.search(r"[1-9]\d* files written", result.output)


def test_render_site_parallel_build_gives_the_same_pages(render_library: Library,
                                                         tmp_path: Path) -> None:
    serial = tmp_path / "serial"
    build_site(render_library, serial, full=True, workers=1)
    parallel = tmp_path / "parallel"
    report = build_site(render_library, parallel, full=True, workers=2)
    assert report.rendered_papers == 8
    files = sorted(p.relative_to(serial).as_posix() for p in serial.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(parallel).as_posix() for p in parallel.rglob("*") if p.is_file())
    for name in files:
        if name != MANIFEST:
            assert (serial / name).read_bytes() == (parallel / name).read_bytes(), name


def test_render_site_only_web_addresses_become_links(render_library: Library, tmp_path: Path) -> None:
    render_library.update(ATTENTION, {"url": "javascript:alert(1)", "pdf": "JaVaScRiPt:alert(2)"})
    out = tmp_path / "out"
    build_site(render_library, out)
    page = (out / f"papers/{ATTENTION}.html").read_text("utf-8")
    assert "alert" not in page.lower()
    assert 'href="https://arxiv.org/abs/1706.03762"' in page  # the id still links


def test_render_site_template_change_rewrites_list_pages(render_library: Library, site: Path) -> None:
    templates = render_library.root / "templates" / "site"
    templates.mkdir(parents=True)
    original = Path(__file__).resolve().parents[2] / "paperlog/render/templates/site/list.html.j2"
    (templates / "list.html.j2").write_text(
        original.read_text("utf-8").replace("<h1>", '<h1 class="mine">'), encoding="utf-8")
    build_site(render_library, site)
    assert '<h1 class="mine">' in (site / "papers.html").read_text("utf-8")
    assert '<h1 class="mine">' in (site / "topics/vision.html").read_text("utf-8")


def test_render_site_goal_change_rewrites_the_home_page(render_library: Library, site: Path) -> None:
    from paperlog.goals import ReadingGoal, add_goal

    add_goal(render_library, ReadingGoal("Twelve", 12))
    report = build_site(render_library, site)
    assert report.rendered_papers == 0
    assert "Twelve" in (site / "index.html").read_text("utf-8")
