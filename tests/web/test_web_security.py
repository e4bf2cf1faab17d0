"""What keeps other web pages out: host checks, CSRF, safe paths, sanitized notes, headers."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from paperlog.library import Library
from paperlog.web.security import allowed_hosts, host_name, is_loopback, safe_file, safe_key

pytestmark = pytest.mark.anyio

ATTENTION = "2017-vaswani-attention-is-all-you-need"


# -- host header (DNS rebinding) ------------------------------------------------------


async def test_a_foreign_host_header_is_refused(web: Any) -> None:
    response = await web.client.get("/", headers={"host": "evil.example:8765"})
    assert response.status_code == 400
    assert "DNS rebinding" in response.text


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "localhost"])
async def test_loopback_host_names_are_served(web: Any, host: str) -> None:
    response = await web.client.get("/", headers={"host": host})
    assert response.status_code == 200


async def test_the_bound_host_and_allowed_hosts_are_served(library: Library, open_web: Any) -> None:
    async with open_web(library, host="192.168.1.5", allow_hosts=["papers.lan"]) as web:
        assert (await web.client.get("/", headers={"host": "192.168.1.5:8765"})).status_code == 200
        assert (await web.client.get("/", headers={"host": "papers.lan"})).status_code == 200
        assert (await web.client.get("/", headers={"host": "10.0.0.9"})).status_code == 400


def test_host_helpers() -> None:
    assert host_name("[::1]:8765") == "::1"
    assert host_name("LOCALHOST:80") == "localhost"
    assert host_name("::1") == "::1"
    assert is_loopback("127.0.0.2") and is_loopback("localhost") and is_loopback("[::1]")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.5")
    assert "127.0.0.1" in allowed_hosts("0.0.0.0")


# -- CSRF ---------------------------------------------------------------------------


async def test_a_post_without_a_token_is_refused_and_writes_nothing(web: Any) -> None:
    before = web.bytes_of(ATTENTION)
    await web.get("/")  # a session cookie, but no token sent
    response = await web.client.post(f"/paper/{ATTENTION}/status", data={"status": "dropped"})
    assert response.status_code == 403
    assert "CSRF" in response.text
    assert web.bytes_of(ATTENTION) == before


async def test_a_wrong_or_foreign_token_is_refused(web: Any, library: Library, open_web: Any) -> None:
    before = web.bytes_of(ATTENTION)
    await web.get("/")
    bad = await web.client.post(
        f"/paper/{ATTENTION}/status", data={"status": "dropped", "csrf_token": "0" * 64}
    )
    assert bad.status_code == 403
    # A token that is valid for another session (another browser) does not work here.
    async with open_web(library) as other:
        await other.get("/")
        stolen = other.token
    foreign = await web.client.post(
        f"/paper/{ATTENTION}/status", data={"status": "dropped", "csrf_token": stolen}
    )
    assert foreign.status_code == 403
    assert web.bytes_of(ATTENTION) == before


async def test_a_post_with_no_session_cookie_is_refused(web: Any) -> None:
    await web.get("/")
    token = web.token
    web.client.cookies.clear()
    response = await web.client.post(
        f"/paper/{ATTENTION}/status", data={"status": "dropped", "csrf_token": token}
    )
    assert response.status_code == 403


async def test_the_token_works_in_the_header_as_htmx_sends_it(web: Any) -> None:
    await web.get("/")
    response = await web.client.post(
        "/preview",
        data={"notes": "*hi*", "key": ATTENTION},
        headers={"X-CSRF-Token": web.token, "HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "<em>hi</em>" in response.text


async def test_the_token_works_in_a_multipart_form(web: Any) -> None:
    await web.get("/")
    response = await web.client.post(
        "/preview",
        data={"notes": "**x**", "key": ATTENTION, "csrf_token": web.token},
        files={"unused": ("a.txt", b"x")},
    )
    assert response.status_code == 400  # a file field is refused by the route, not a crash
    assert "error" in response.text.lower() or "file" in response.text.lower()


async def test_a_cross_origin_post_is_refused_even_with_a_token(web: Any) -> None:
    await web.get("/")
    response = await web.client.post(
        "/preview",
        data={"notes": "x", "key": ATTENTION, "csrf_token": web.token},
        headers={"Origin": "https://evil.example"},
    )
    assert response.status_code == 403


async def test_the_session_cookie_is_http_only_and_same_site(web: Any) -> None:
    response = await web.client.get("/")
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


async def test_tokens_survive_a_restart_of_the_server(library: Library, open_web: Any) -> None:
    async with open_web(library) as first:
        await first.get("/")
        cookies, token = dict(first.client.cookies), first.token
    secret = library.state_dir / "web-secret"
    assert secret.stat().st_mode & 0o077 == 0  # the owner's only
    async with open_web(library) as second:  # a new app: as after restarting `paperlog serve`
        second.client.cookies.update(cookies)
        response = await second.client.post(
            "/preview", data={"notes": "x", "key": ATTENTION, "csrf_token": token}
        )
        assert response.status_code == 200


async def test_a_huge_body_is_refused(web: Any) -> None:
    await web.get("/")
    response = await web.client.post(
        "/preview",
        content=b"x" * (9 * 1024 * 1024),
        headers={"X-CSRF-Token": web.token, "content-type": "application/x-www-form-urlencoded"},
    )
    assert response.status_code == 413


# -- headers ------------------------------------------------------------------------


async def test_security_headers_on_every_page(web: Any) -> None:
    for url in ["/", f"/paper/{ATTENTION}", "/static/app.js", "/nope"]:
        response = await web.client.get(url)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["x-content-type-options"] == "nosniff"


async def test_no_page_loads_anything_from_another_origin(web: Any) -> None:
    for url in ["/", f"/paper/{ATTENTION}", f"/paper/{ATTENTION}/edit", "/add", "/queue", "/stats"]:
        page = (await web.client.get(url)).text
        sources = re.findall(r'(?:src|href)="([^"]+)"', page)
        assert sources
        for source in sources:
            if source.startswith(("http://", "https://")):
                # Only the paper's own links (ids) may leave the app, and never as scripts.
                assert re.search(rf'<a [^>]*href="{re.escape(source)}"', page), source


# -- XSS in notes -------------------------------------------------------------------

XSS_NOTES = """\
<script>window.pwned = 1</script>

[click me](javascript:window.pwned=2)

<img src="x.png" onerror="window.pwned=3">

<svg onload="window.pwned=4"><circle r="5"/></svg>

<a href="JaVaScRiPt:window.pwned=5">tricky</a>

<iframe src="https://evil.example"></iframe>

<div style="background:url(javascript:alert(1))" onclick="window.pwned=6">div</div>

<math><mtext><table><mglyph><style><img src=x onerror=window.pwned=7>
"""


async def test_notes_are_sanitized(web: Any, library: Library) -> None:
    library.set_notes(ATTENTION, XSS_NOTES)
    page = (await web.client.get(f"/paper/{ATTENTION}")).text
    notes = page.split('id="notes"', 1)[1].split("</section>", 1)[0]
    assert "<script" not in notes.lower()
    assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", notes, re.I)
    assert not re.search(r"\son[a-z]+\s*=", notes, re.I)
    assert "<svg" not in notes.lower() and "<iframe" not in notes.lower()
    assert "click me" in notes and "tricky" in notes  # the text stays, the danger goes


async def test_the_preview_is_sanitized_too(web: Any) -> None:
    await web.get("/")
    response = await web.post("/preview", {"notes": XSS_NOTES, "key": ATTENTION})
    assert response.status_code == 200
    assert "<script" not in response.text.lower()
    assert not re.search(r"""(href|src)\s*=\s*["']?\s*javascript:""", response.text, re.I)
    assert not re.search(r"\son[a-z]+\s*=", response.text, re.I)


async def test_titles_and_snippets_are_escaped(empty_web: Any, empty_library: Library) -> None:
    from paperlog.model import Paper

    empty_library.add(Paper(title="<b onmouseover=alert(1)>Bold</b> claims", notes="a <i>claims</i> note\n"))
    page = (await empty_web.client.get("/?q=claims")).text
    assert "<b onmouseover" not in page
    assert "&lt;b onmouseover=alert(1)&gt;Bold&lt;/b&gt;" in page
    assert "<mark>claims</mark>" in page


def test_snippet_text_is_escaped_around_the_marks(library: Library) -> None:
    from paperlog.snippets import Snippet
    from paperlog.web.rendering import templates_for

    env = templates_for(library).env
    template = env.get_template("_results.html").environment.from_string(
        "{% for text, hit, formula in s|segments %}{% if hit %}<mark>{{ text }}</mark>"
        "{% else %}{{ text }}{% endif %}{% endfor %}"
    )
    shown = template.render(s=Snippet("<i>claims</i> & <script>x</script>", ((3, 9),)))
    assert shown == "&lt;i&gt;<mark>claims</mark>&lt;/i&gt; &amp; &lt;script&gt;x&lt;/script&gt;"


# -- paths --------------------------------------------------------------------------


@pytest.fixture
def files(library: Library, tmp_path: Any) -> Library:
    figures = library.papers_dir / "figures"
    figures.mkdir()
    (figures / "fig1.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (library.root / "pdfs").mkdir()
    (library.root / "pdfs" / "paper.pdf").write_bytes(b"%PDF-1.4\n")
    secret = tmp_path / "secret.txt"
    secret.write_text("top secret\n")
    os.symlink(secret, library.root / "pdfs" / "link-out.pdf")
    os.symlink(tmp_path, library.root / "outside")
    (library.root / "icon.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>')
    library.index  # noqa: B018 - the index exists (and .paperlog/ with it)
    return library


async def test_files_in_the_library_are_served(web: Any, files: Library) -> None:
    response = await web.client.get("/files/papers/figures/fig1.png")
    assert response.status_code == 200 and response.content.startswith(b"\x89PNG")
    pdf = await web.client.get("/files/pdfs/paper.pdf")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"


async def test_served_files_are_sandboxed(web: Any, files: Library) -> None:
    response = await web.client.get("/files/icon.svg")
    assert response.status_code == 200
    assert response.headers["content-security-policy"].startswith("sandbox")


@pytest.mark.parametrize(
    "url",
    [
        "/files/../secret.txt",
        "/files/%2e%2e/secret.txt",
        "/files/%2E%2E%2Fsecret.txt",
        "/files/papers/%2e%2e/%2e%2e/secret.txt",
        "/files/papers/..%2f..%2fsecret.txt",
        "/files/%252e%252e/secret.txt",
        "/files//etc/passwd",
        "/files/%2Fetc%2Fpasswd",
        "/files/pdfs\\..\\..\\secret.txt",
        "/files/pdfs/link-out.pdf",
        "/files/outside/secret.txt",
        "/files/.paperlog/index.sqlite",
        "/files/papers/",
        "/files/",
        "/files/pdfs/paper.pdf%00.png",
    ],
)
async def test_paths_out_of_the_library_are_refused(web: Any, files: Library, url: str) -> None:
    response = await web.client.get(url)
    assert response.status_code == 404, url
    assert "top secret" not in response.text
    assert "SQLite" not in response.text


@pytest.mark.parametrize(
    "url",
    [
        "/paper/..%2F..%2Fpaperlog",
        "/paper/../../paperlog",
        "/paper/%2e%2e/paperlog",
        "/paper//etc/passwd",
        "/paper/.hidden",
        "/paper/a%00b",
    ],
)
async def test_paper_keys_cannot_leave_the_papers_folder(web: Any, url: str) -> None:
    response = await web.client.get(url)
    assert response.status_code == 404, url
    assert "[library]" not in response.text


def test_safe_key_and_safe_file(tmp_path: Any) -> None:
    assert safe_key("2017-vaswani") and safe_key("folder/2017-vaswani")
    for bad in ["", "/abs", "../x", "a/../b", "a/./b", ".git/x", "a\\b", "a\x00b", "a//b"]:
        assert not safe_key(bad), bad
    (tmp_path / "ok.txt").write_text("x")
    assert safe_file(tmp_path, "ok.txt") == (tmp_path / "ok.txt").resolve()
    assert safe_file(tmp_path, "missing.txt") is None
    assert safe_file(tmp_path, "../ok.txt") is None

