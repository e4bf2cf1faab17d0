"""`paperlog serve` as a user runs it: a real process, a real port on 127.0.0.1."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from paperlog.cli import app
from paperlog.library import Library


@contextmanager
def serving(library: Library, *args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """Run `paperlog serve`; yield the process and the first line it printed."""
    env = {**os.environ, "PAPERLOG_LIBRARY": str(library.root), "COLUMNS": "200"}
    env.pop("DISPLAY", None)
    with subprocess.Popen(
        [sys.executable, "-m", "paperlog", "serve", "--no-open", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    ) as process:
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            yield process, line
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def wait_for(url: str) -> httpx.Response:
    deadline = time.monotonic() + 15
    while True:
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_serve_prints_the_url_and_serves_the_library(library: Library) -> None:
    with serving(library, "--port", "0") as (_, line):
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, line
        response = wait_for(found.group(0))
        assert response.status_code == 200
        assert "Attention Is All You Need" in response.text
        # another host name (DNS rebinding) is refused
        other = httpx.get(found.group(0), headers={"host": "attacker.example"}, timeout=5)
        assert other.status_code == 400


def test_serve_watches_files_edited_elsewhere(library: Library) -> None:
    with serving(library, "--port", "0") as (_, line):
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)  # type: ignore[union-attr]
        wait_for(url)
        (library.papers_dir / "from-editor.md").write_text("---\ntitle: Typed in an editor\n---\n")
        deadline = time.monotonic() + 10
        while "Typed in an editor" not in httpx.get(url, timeout=5).text:
            assert time.monotonic() < deadline, "the new file never showed up"
            time.sleep(0.2)


def test_serve_on_ipv6_loopback(library: Library) -> None:
    with serving(library, "--port", "0", "--host", "::1") as (_, line):
        found = re.search(r"http://\[::1\]:\d+/", line)
        assert found, line
        assert wait_for(found.group(0)).status_code == 200


def test_serve_refuses_a_port_in_use(library: Library) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        args = ["--library", str(library.root), "serve", "--no-open", "--port", str(port)]
        result = CliRunner().invoke(app, args)
    assert result.exit_code == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.output


def test_serve_warns_when_others_can_reach_it(library: Library) -> None:
    with serving(library, "--port", "0", "--host", "0.0.0.0") as (process, _):
        time.sleep(0.5)
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=10)
    assert "other machines can reach" in " ".join(err.split())


def test_serve_has_help_with_an_example() -> None:
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Example: paperlog serve" in result.output
    for option in ("--port", "--host", "--open", "--no-open"):
        assert option in result.output


def test_serve_outside_a_library_is_a_one_line_error(tmp_path: Path) -> None:
    env = {**os.environ, "PAPERLOG_LIBRARY": ""}
    result = subprocess.run(
        [sys.executable, "-m", "paperlog", "serve", "--no-open"],
        cwd=tmp_path, capture_output=True, text=True, env=env, timeout=30,
    )
    assert result.returncode == 1
    assert "no paperlog library" in result.stderr


def test_the_listening_socket_sends_without_delay() -> None:
    from paperlog.errors import PaperlogError
    from paperlog.web.app import listening_socket

    sock = listening_socket("127.0.0.1", 0)
    try:
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
    finally:
        sock.close()
    with pytest.raises(PaperlogError, match="invalid port 70000"):
        listening_socket("127.0.0.1", 70000)
