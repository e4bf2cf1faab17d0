"""The one Markdown renderer: CommonMark + tables + math, sanitized against XSS."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from paperlog.markdown import is_local_path, local_images, render_notes

XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    '<img src="x.png" onerror="alert(1)">',
    '<img src=x onerror=alert(1)//',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    "![x](javascript:alert(1))",
    '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '<math><mtext><script>alert(1)</script></mtext></math>',
    '<iframe src="https://evil.example"></iframe>',
    '<object data="evil.swf"></object><embed src="evil.swf">',
    '<div style="background:url(javascript:alert(1))" onclick="alert(1)">x</div>',
    '<style>body{display:none}</style>',
    '<form action="https://evil.example"><input type="submit"></form>',
    '<body onload="alert(1)">',
    '<details open ontoggle="alert(1)">x</details>',
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    "$x</span><script>alert(1)</script>$",
    "$$\n</div><img src=x onerror=alert(1)>\n$$",
    '<a href="https://ok.example" target="_blank" onmouseover="alert(1)">ok</a>',
]


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML (text is ignored)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, attrs))


DANGEROUS_TAGS = {"script", "svg", "math", "iframe", "object", "embed", "style", "form", "base",
                  "meta", "body", "link", "frame", "template"}


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_render_markdown_sanitizes_xss(payload: str) -> None:
    html = render_notes(f"Some notes.\n\n{payload}\n")
    parser = _Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag not in DANGEROUS_TAGS, html
        for name, value in attrs:
            assert not name.startswith("on"), html
            assert name not in ("style",) or tag in ("td", "th"), html
            if name in ("href", "src", "action", "formaction", "xlink:href"):
                url = "".join((value or "").split()).lower()
                assert not url.startswith(("javascript:", "data:", "vbscript:")), html
    assert "Some notes." in html


def test_render_markdown_keeps_tables_code_images_and_math() -> None:
    text = (
        "# Title\n\n"
        "| model | BLEU |\n|---|--:|\n| base | ~~27.3~~ 28.4 |\n\n"
        "```python\nprint('<b>')\n```\n\n"
        "![figure](fig/one.png \"Fig. 1\")\n\n"
        "Loss $\\mathcal{L} = -\\log p(x<y)$ and\n\n$$\n\\sum_i a_i\n$$\n"
    )
    html = render_notes(text)
    assert "<table>" in html and '<td style="text-align:right">' in html
    assert "<s>27.3</s>" in html
    assert '<code class="language-python">print(\'&lt;b&gt;\')' in html
    assert '<img src="fig/one.png" alt="figure" title="Fig. 1">' in html
    assert '<span class="math inline">\\mathcal{L} = -\\log p(x&lt;y)</span>' in html
    assert '<div class="math display">\\sum_i a_i</div>' in html


def test_render_markdown_dollar_amounts_are_not_math() -> None:
    assert "math" not in render_notes("It cost $5 and $10 to run.")
    assert "math" not in render_notes("A $ 5 $ thing.")


def test_render_markdown_inline_display_math_in_paragraph_stays_inline_element() -> None:
    html = render_notes("Before $$a^2$$ after.")
    assert html == '<p>Before <span class="math display">a^2</span> after.</p>\n'


def test_render_markdown_rewrites_relative_images_only() -> None:
    text = (
        "![a](figs/a.png) ![b](https://example.org/b.png) ![c](<figs/c d.png>)\n\n"
        '<img src="raw.jpg" alt="raw"> ![e](/abs.png)\n'
    )
    html = render_notes(text, image_base="../assets/k/")
    assert 'src="../assets/k/figs/a.png"' in html
    assert 'src="https://example.org/b.png"' in html
    assert 'src="../assets/k/figs/c%20d.png"' in html
    assert 'src="../assets/k/raw.jpg"' in html
    assert 'src="/abs.png"' in html

    seen: list[str] = []

    def route(path: str) -> str:
        seen.append(path)
        return "/files/paper/" + path

    html = render_notes(text, image_url=route)
    assert 'src="/files/paper/figs/c%20d.png"' in html
    assert seen == ["figs/a.png", "figs/c d.png", "raw.jpg"]


def test_render_markdown_local_images_lists_markdown_and_raw_html() -> None:
    text = (
        "![a](figs/a.png)\n![b](http://x.org/b.png)\n<img src='raw.jpg'>\n"
        "![a again](figs/a.png)\n"
    )
    assert local_images(text) == ["figs/a.png", "raw.jpg"]


@pytest.mark.parametrize(
    ("url", "local"),
    [("a.png", True), ("../a.png", True), ("/a.png", False), ("https://x/a.png", False),
     ("data:image/png;base64,AAAA", False), ("#top", False), ("//cdn/x.png", False)],
)
def test_render_markdown_is_local_path(url: str, local: bool) -> None:
    assert is_local_path(url) is local


def test_render_markdown_chinese_and_class_filtering() -> None:
    html = render_notes('注意力机制 <span class="evil math">x</span> `code`')
    assert "注意力机制" in html
    assert 'class="math"' in html and "evil" not in html
