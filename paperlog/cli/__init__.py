"""The `paperlog` command line: parse arguments, call the library, format the result.

Each family of commands lives in its own module with a `register(app)` function; this
module builds the app, holds the global options, and is the one place where a
`PaperlogError` becomes `error: <message>` on stderr and a non-zero exit status.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from paperlog import __version__
from paperlog.cli import browse, commands, importing, metadata, rendering, serving
from paperlog.cli._common import State, err_console
from paperlog.errors import PaperlogError


class _Group(TyperGroup):
    """Turns paperlog's own errors into one line on stderr and an exit status.

    Done here rather than in `main` so that the CLI behaves the same under Typer's test
    runner as from the shell.
    """

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except PaperlogError as error:
            from rich.markup import escape  # what the user typed may hold [brackets]

            err_console().print(
                f"[red]error:[/] {escape(str(error))}", markup=True, highlight=False, soft_wrap=True
            )
            raise typer.Exit(error.exit_code) from None


app = typer.Typer(
    cls=_Group,
    name="paperlog",
    help=(
        "A local-first, Markdown-native notebook for the papers you read.\n\n"
        "One Markdown file per paper in papers/, indexed for search. "
        "Run `paperlog init` to start a library, then `paperlog add --help`."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"paperlog {__version__}\n")
        raise typer.Exit()


@app.callback()
def _global_options(
    ctx: typer.Context,
    library: Annotated[
        Path | None,
        typer.Option(
            "--library",
            "-L",
            help="The library folder (default: $PAPERLOG_LIBRARY, else the nearest folder "
            "above the current one holding paperlog.toml).",
            show_default=False,
        ),
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Use only cached metadata; make no network requests.")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    ctx.obj = State(library, offline=offline)


def reflow_help(text: str) -> str:
    """A docstring as help: each paragraph joined onto one line, for Rich to wrap.

    Typer's Rich help keeps the docstring's own line breaks, so a paragraph wrapped at
    100 columns in the source came out broken mid-sentence in an 80-column terminal.
    """
    paragraphs = inspect.cleandoc(text).split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


def _reflow_commands(typer_app: typer.Typer) -> None:
    for info in typer_app.registered_commands:
        if info.help is None and info.callback is not None and info.callback.__doc__:
            info.help = reflow_help(info.callback.__doc__)
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _reflow_commands(group.typer_instance)


for _module in (commands, browse, importing, metadata, rendering, serving):
    _module.register(app)
_reflow_commands(app)


def main() -> None:
    app(prog_name="paperlog")
