"""`paperlog serve`: the local web app, run with uvicorn on 127.0.0.1."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from paperlog.cli._common import console, get_library, warn


def serve(
    ctx: typer.Context,
    port: Annotated[
        int | None,
        typer.Option(
            "--port",
            "-p",
            help="The port (default: $PAPERLOG_PORT, else port in the \\[web] table of "
            "paperlog.toml, else 8765; 0 picks a free one).",
            show_default=False,
        ),
    ] = None,
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            help="The address to listen on (default 127.0.0.1: this machine only).",
            show_default=False,
        ),
    ] = None,
    open_browser: Annotated[
        bool,
        typer.Option("--open/--no-open", help="Open the library in your web browser."),
    ] = True,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="Another host name the app may be reached by (repeatable).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Open the library in your browser: search, read and write notes, add papers.

    Serves on 127.0.0.1 (this machine only) until you press Ctrl+C.
    Edits made in other programs show up in open pages.
    Saving over a file changed since its page was opened is refused, showing both versions.

    Example: paperlog serve --port 8765 --no-open
    """
    import uvicorn
    from rich.style import Style
    from rich.text import Text

    from paperlog.web.app import create_app, listening_socket
    from paperlog.web.security import is_loopback

    library = get_library(ctx)
    settings = library.config.web
    host = host or settings.host
    port = settings.port if port is None else port
    sock = listening_socket(host, port)
    port = sock.getsockname()[1]
    shown_host = "127.0.0.1" if host in {"0.0.0.0", "::"} else host
    url = f"http://{f'[{shown_host}]' if ':' in shown_host else shown_host}:{port}/"

    if not is_loopback(host):
        warn(
            f"listening on {host}, which other machines can reach: anyone who can reach this "
            "port can read and change your library (there is no login). Use --host 127.0.0.1 "
            "unless you mean it."
        )
    # The watcher keeps the index fresh; should it fail (say, out of inotify watches),
    # requests re-sync the index at most every 2 seconds instead.
    app = create_app(library, host=host, allow_hosts=allow_host or (), sync_interval=2.0)
    line = Text("Serving ")
    line.append(str(library.root), style="bold")
    line.append(" at ")
    line.append(url, style=Style(link=url))
    line.append("  (Ctrl+C to stop)")
    console().print(line)
    sys.stdout.flush()
    if open_browser and _has_gui():
        import threading
        import webbrowser

        threading.Timer(0.6, webbrowser.open, args=(url,)).start()
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="on")
    server = uvicorn.Server(config)
    server.run(sockets=[sock])


def _has_gui() -> bool:
    """Opening a browser makes sense on a desktop, not over SSH or in a container."""
    if sys.platform in {"darwin", "win32"}:
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def register(app: typer.Typer) -> None:
    """Add this module's commands to the app."""
    app.command("serve")(serve)
