"""What keeps the local web app safe to leave running: host checks, CSRF, safe paths.

The app has no login: it is meant for the person at the machine. What it must stop is
other web pages in that person's browser from reading or changing the library:

* DNS rebinding: a page on `evil.example` whose name is re-pointed at 127.0.0.1 would
  send `Host: evil.example`; only the loopback names and the bound host are served.
* Cross-site requests: every state-changing request (POST, PUT, PATCH, DELETE) must carry
  a token, in the `X-CSRF-Token` header (htmx sends it through `hx-headers`) or the
  `csrf_token` form field, equal to an HMAC of the session cookie under a secret kept
  in `.paperlog/` (readable by the owner only). A page elsewhere can read neither.
  A cross-origin `Origin` header is refused outright.
* Path traversal: paper keys and file paths from URLs are checked to stay inside the
  library (`..`, encoded variants, absolute paths, symlinks out are refused).
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import re
import secrets
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

SESSION_COOKIE = "paperlog_session"
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
#: The largest request body accepted (a paper's notes, with room to spare).
MAX_BODY = 8 * 1024 * 1024

_KEY_PART = re.compile(r"^[^/\\\x00-\x1f]+$")


def is_loopback(host: str) -> bool:
    """True for `localhost`, 127.0.0.0/8 and ::1: addresses no other machine can reach."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def allowed_hosts(bound: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The host names the app answers to: loopback names, the bound host, and `extra`."""
    names = set(LOOPBACK_NAMES) | {bound.strip("[]").lower()} | {h.lower() for h in extra}
    return frozenset(names)


def host_name(header: str) -> str:
    """`127.0.0.1:8765` -> `127.0.0.1`; `[::1]:8765` -> `::1`."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def stored_secret(folder: Path) -> bytes:
    """The library's CSRF secret, kept in `.paperlog/web-secret` (owner-only), so that a
    page left open across a restart of `paperlog serve` can still save."""
    path = folder / "web-secret"
    try:
        secret = bytes.fromhex(path.read_text("ascii").strip())
        if len(secret) >= 32:
            return secret
    except (OSError, ValueError):
        pass
    secret = secrets.token_bytes(32)
    folder.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(secret.hex() + "\n")
    os.replace(temp, path)
    return secret


class Secrets:
    """The secret behind CSRF tokens."""

    def __init__(self, secret: bytes | None = None) -> None:
        self.secret = secret or secrets.token_bytes(32)

    def new_session(self) -> str:
        return secrets.token_urlsafe(24)

    def token_for(self, session: str) -> str:
        return hmac.new(self.secret, session.encode(), hashlib.sha256).hexdigest()

    def check(self, session: str | None, token: str | None) -> bool:
        if not session or not token:
            return False
        return hmac.compare_digest(self.token_for(session), token)


class GuardMiddleware:
    """Host check, CSRF check and security headers, in front of every route.

    A plain ASGI middleware (not `BaseHTTPMiddleware`) so that it can read a form body
    to find the token and then hand the same bytes on to the route.
    """

    def __init__(self, app: ASGIApp, *, hosts: frozenset[str], keys: Secrets) -> None:
        self.app = app
        self.hosts = hosts
        self.keys = keys

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        host = host_name(request.headers.get("host", ""))
        if host not in self.hosts:
            message = f"host {host!r} is not served here (DNS rebinding guard)"
            await _refuse(400, message, scope, receive, send)
            return
        origin = request.headers.get("origin")
        if origin and origin != "null" and host_name(urlsplit(origin).netloc) not in self.hosts:
            await _refuse(403, "cross-origin request refused", scope, receive, send)
            return
        session = request.cookies.get(SESSION_COOKIE)
        new_session = None
        if not session or not re.fullmatch(r"[A-Za-z0-9_-]{16,64}", session):
            session = new_session = self.keys.new_session()
        scope.setdefault("state", {})["csrf_token"] = self.keys.token_for(session)

        if scope["method"] in UNSAFE_METHODS:
            declared = request.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > MAX_BODY:
                await _refuse(413, "request too large", scope, receive, send)
                return
            body = await _read_body(receive)
            if body is None:
                await _refuse(413, "request too large", scope, receive, send)
                return
            token = request.headers.get(CSRF_HEADER) or await _form_token(scope, body)
            if new_session is not None or not self.keys.check(session, token):
                await _refuse(
                    403,
                    "missing or invalid CSRF token: reload the page and try again",
                    scope,
                    receive,
                    send,
                )
                return
            receive = _replay(body)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                for name, value in SECURITY_HEADERS:
                    if name not in names:
                        headers.append((name, value))
                if new_session is not None:
                    # Lax, not Strict: following a link to the app from elsewhere must not
                    # start a new session (and so void the tokens of pages already open).
                    cookie = f"{SESSION_COOKIE}={new_session}; Path=/; HttpOnly; SameSite=Lax"
                    headers.append((b"set-cookie", cookie.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


#: Sent with every response. Scripts only from this server (no inline script, no eval);
#: inline styles are allowed because KaTeX positions glyphs with style attributes.
SECURITY_HEADERS = (
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        b"img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'none'; "
        b"frame-ancestors 'none'; form-action 'self'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
)


async def _refuse(status: int, message: str, scope: Scope, receive: Receive, send: Send) -> None:
    response: Response = PlainTextResponse(f"error: {message}\n", status_code=status)
    await response(scope, receive, send)


async def _read_body(receive: Receive) -> bytes | None:
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > MAX_BODY:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


def _replay(body: bytes) -> Receive:
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return {"type": "http.disconnect"}

    return receive


async def _form_token(scope: Scope, body: bytes) -> str | None:
    content_type = Request(scope).headers.get("content-type", "")
    if content_type.startswith("application/x-www-form-urlencoded"):
        values = parse_qs(body.decode("utf-8", "replace")).get(CSRF_FIELD)
        return values[0] if values else None
    if content_type.startswith("multipart/form-data"):
        request = Request(scope, _replay(body))
        try:
            form = await request.form()
        except Exception:  # malformed multipart: no token to be had
            return None
        try:
            value = form.get(CSRF_FIELD)
            return value if isinstance(value, str) else None
        finally:
            await form.close()
    return None


# -- paths --------------------------------------------------------------------------


def safe_key(key: str) -> bool:
    """A paper key from a URL: relative, no `.`/`..`/hidden parts, no control characters."""
    if not key or len(key) > 512 or key.startswith("/"):
        return False
    return all(_KEY_PART.match(part) and not part.startswith(".") for part in key.split("/"))


def safe_file(root: Path, relative: str) -> Path | None:
    """The file `relative` names inside `root`, or None if it is not a plain file in there.

    Refuses absolute paths, `..` and hidden parts (`.paperlog/`, `.git/`), backslashes,
    and anything whose real path (symlinks followed) leaves `root`.
    """
    if not relative or "\\" in relative or "\x00" in relative or relative.startswith("/"):
        return None
    parts = relative.split("/")
    if any(part in {"", ".", ".."} or part.startswith(".") for part in parts):
        return None
    real_root = root.resolve()
    try:
        target = (real_root / relative).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if not target.is_relative_to(real_root) or not target.is_file():
        return None
    return target
