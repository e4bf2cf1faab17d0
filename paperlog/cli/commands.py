"""Library commands that write: init, add, edit, mark, tag, rm, restore, reindex."""

from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated, Any

import typer

from paperlog.cli._common import console, err_console, get_library, warn
from paperlog.cli._common import escape as e
from paperlog.errors import InvalidValue, PaperFileError, PaperlogError, WriteConflict


def init(
    path: Annotated[
        Path, typer.Argument(help="The folder to make a library of (created if missing).")
    ] = Path("."),
    name: Annotated[
        str | None, typer.Option("--name", help="The library's name (default: the folder's name).")
    ] = None,
) -> None:
    """Create a paper library: paperlog.toml, papers/, and .paperlog/ in .gitignore.

    Example: paperlog init ~/papers --name "My reading"
    """
    from paperlog.library import Library

    library = Library.init(path, name=name)
    console().print(f"Created a paperlog library in [bold]{e(str(library.root))}[/]")
    console().print('Next: [bold]paperlog add --title "..."[/] or [bold]paperlog import NOTES.md[/]')


def add(
    ctx: typer.Context,
    query: Annotated[
        str | None,
        typer.Argument(
            help="An arXiv id or URL, a DOI, a paper URL, or a title to look up "
            "(needs the network or the cache)."
        ),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="The paper's title.")] = None,
    author: Annotated[
        list[str] | None, typer.Option("--author", "-a", help="An author; repeat in order.")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="Year of publication.")] = None,
    venue: Annotated[str | None, typer.Option("--venue", help="Journal or conference.")] = None,
    ident: Annotated[
        list[str] | None,
        typer.Option("--id", help="An identifier as kind:value (arxiv:1706.03762, doi:10.1/x); repeatable."),
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where to read it.")] = None,
    pdf: Annotated[str | None, typer.Option("--pdf", help="A PDF URL or a path.")] = None,
    status: Annotated[
        str, typer.Option("--status", "-s", help="to-read, reading, read or dropped.")
    ] = "to-read",
    read_on: Annotated[
        str | None,
        typer.Option("--read-on", help="When you read it (YYYY-MM-DD); default today for --status read."),
    ] = None,
    topic: Annotated[
        list[str] | None,
        typer.Option(
            "--topic", "-t", help="A topic, with / for hierarchy (Vision/Optical flow); repeatable."
        ),
    ] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="A tag; repeatable.")] = None,
    rating: Annotated[int | None, typer.Option("--rating", help="1 to 5.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="A first line of notes.")] = None,
) -> None:
    """Add a paper: from fields you give, or looked up from an id, URL or title.

    Example: paperlog add --title "Attention Is All You Need" --author "Ashish Vaswani"
    --year 2017 --id arxiv:1706.03762 --topic NLP/Transformers

    Example: paperlog add 1706.03762 --status reading
    """
    from paperlog.ids import normalize_arxiv, normalize_doi
    from paperlog.model import Paper, Status, normalize_topic, parse_rating, parse_read_date

    library = get_library(ctx)
    if query:
        from paperlog.sources import resolve

        paper = resolve(library, query)
    elif title:
        paper = Paper(title=title.strip())
    else:
        raise PaperlogError(
            "nothing to add: give an arXiv id, DOI, URL or title to look up "
            "(paperlog add 1706.03762), or the fields with --title (paperlog add --title TITLE)"
        )

    if title:
        paper.title = title.strip()
    if author:
        paper.authors = [a.strip() for a in author if a.strip()]
    if year is not None:
        from paperlog.model import parse_year

        paper.year = parse_year(year)
    if venue:
        paper.venue = venue
    for item in ident or []:
        kind, sep, value = item.partition(":")
        if not sep or not value.strip():
            raise InvalidValue("id", item, "kind:value, such as arxiv:1706.03762")
        kind = kind.strip().lower()
        value = value.strip()
        if kind == "arxiv":
            value = normalize_arxiv(value) or value
        elif kind == "doi":
            value = normalize_doi(value) or value
        paper.ids[kind] = value
    paper.url = url or paper.url
    paper.pdf = pdf or paper.pdf
    paper.status = Status.parse(status)
    if read_on:
        paper.read_on = parse_read_date(read_on)
    elif paper.status is Status.READ:
        paper.read_on = dt.date.today()
    if topic:
        paper.topics = [normalize_topic(t) for t in topic]
    if tag:
        paper.tags = list(tag)
    if rating is not None:
        paper.rating = parse_rating(rating)
    if note:
        paper.notes = note.strip() + "\n"
    added = library.add(paper)
    path = library.relative(library.path_for(added.key))
    console().print(
        f"Added [bold]{e(added.title)}[/] ({added.year or 'n.d.'}) as [bold]{e(added.key)}[/]", soft_wrap=True
    )
    if query:  # say what the lookup found, so a wrong match is seen at once
        authors = ", ".join(added.authors[:4]) + (" et al." if len(added.authors) > 4 else "")
        published = " ".join(str(x) for x in (added.venue, added.year) if x)
        ids = "  ".join(f"{kind}:{value}" for kind, value in added.ids.items())
        for line in (authors, published, ids):
            if line:
                console().print(f"  {e(line)}")
    console().print(f"[dim]{e(path)}[/]")


def edit(
    ctx: typer.Context,
    paper: Annotated[str, typer.Argument(help="The paper to edit (key, prefix, id or title).")],
) -> None:
    """Open a paper's file in your editor ($PAPERLOG_EDITOR, $VISUAL or $EDITOR), then check it.

    The file is only replaced when what you saved loads as a paper; otherwise you can edit
    again, and nothing you typed is lost.

    Example: EDITOR=nano paperlog edit 2017-vaswani
    """
    from paperlog.library import atomic_write, content_hash

    library = get_library(ctx)
    key = library.resolve(paper)
    path, original = library.read_text(key)  # a file that does not load can be mended here
    try:
        library.parse(original, path)
    except PaperFileError as error:
        err_console().print(f"[yellow]note:[/] {e(str(error))}; fix it in the editor", highlight=False)
    editor = library.config.library.editor or os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.TemporaryDirectory(prefix="paperlog-edit-") as folder:
        draft = Path(folder) / path.name
        draft.write_bytes(original.encode("utf-8"))  # bytes: CRLF stays CRLF
        while True:
            shown = library.relative(path)
            try:
                subprocess.run([*shlex.split(editor), str(draft)], check=True)
            except FileNotFoundError:
                raise PaperlogError(
                    f"could not run the editor {editor!r}: no such program; set $EDITOR, or "
                    f"editor in the [library] table of paperlog.toml ({shown} was left unchanged)"
                ) from None
            except OSError as error:
                reason = error.strerror or str(error)
                message = f"could not run the editor {editor!r}: {reason} ({shown} was left unchanged)"
                raise PaperlogError(message) from None
            except subprocess.CalledProcessError as error:
                status = error.returncode
                message = f"the editor {editor!r} exited with status {status}; {shown} was left unchanged"
                raise PaperlogError(message) from None
            try:
                text = draft.read_bytes().decode("utf-8")
            except UnicodeDecodeError:
                kept = library.state_dir / "rejected" / path.name
                kept.parent.mkdir(parents=True, exist_ok=True)
                kept.write_bytes(draft.read_bytes())
                shown, draft_kept = library.relative(path), library.relative(kept)
                message = f"your edit is not UTF-8 text; {shown} was left unchanged; it is in {draft_kept}"
                raise PaperlogError(message) from None
            if text == original:
                console().print("No changes.")
                return
            try:
                library.write_text(key, text, expected_hash=content_hash(original))
            except (PaperFileError, WriteConflict) as error:
                from rich.markup import escape

                err_console().print(f"[red]error:[/] {escape(str(error))}", highlight=False)
                retry = isinstance(error, PaperFileError) and sys.stdin.isatty()  # a conflict stays one
                if retry and typer.confirm("Edit again?", default=True):
                    continue
                kept = library.state_dir / "rejected" / path.name
                atomic_write(kept, text)
                shown, draft_kept = library.relative(path), library.relative(kept)
                message = f"{shown} was left unchanged; your edit is kept in {draft_kept}"
                raise PaperlogError(message) from None
            console().print(f"Saved {e(library.relative(path))}")
            return


def mark(
    ctx: typer.Context,
    paper: Annotated[str, typer.Argument(help="The paper (key, prefix, id or title).")],
    status: Annotated[str, typer.Argument(help="to-read, reading, read or dropped.")],
    on: Annotated[
        str | None,
        typer.Option("--on", help="The date (YYYY-MM-DD) you read it; default today when marking read."),
    ] = None,
) -> None:
    """Set a paper's status; marking it read records the date.

    Example: paperlog mark 2017-vaswani read --on 2024-03-02
    """
    from paperlog.model import Status, parse_read_date

    library = get_library(ctx)
    new_status = Status.parse(status)
    changes: dict[str, Any] = {"status": new_status}
    if on:
        changes["read_on"] = parse_read_date(on)
    elif new_status is Status.READ:
        key = library.resolve(paper)
        if library.load(key).paper.read_on is None:
            changes["read_on"] = dt.date.today()
    key = library.resolve(paper)
    updated = library.update(key, changes)
    when = f" on {updated.read_on.isoformat()}" if new_status is Status.READ and updated.read_on else ""
    console().print(f"{e(updated.key)}: [bold]{new_status.value}[/]{when}")


def tag(
    ctx: typer.Context,
    paper: Annotated[str, typer.Argument(help="The paper (key, prefix, id or title).")],
    tags: Annotated[list[str], typer.Argument(help="Tags to add (or remove, with --remove).")],
    remove: Annotated[bool, typer.Option("--remove", "-r", help="Remove these tags instead.")] = False,
) -> None:
    """Add tags to a paper, or remove them.

    Example: paperlog tag 2017-vaswani classic attention
    """
    library = get_library(ctx)
    key = library.resolve(paper)
    current = library.load(key).paper.tags
    if remove:
        wanted = [t for t in current if t not in set(tags)]
    else:
        wanted = current + [t for t in dict.fromkeys(tags) if t not in current]
    if wanted == current:
        console().print(e(f"{key}: tags unchanged ({', '.join(current) or 'none'})"))
        return
    updated = library.update(key, {"tags": wanted or None})
    console().print(e(f"{key}: tags {', '.join(updated.tags) or 'none'}"))


def rm(
    ctx: typer.Context,
    papers: Annotated[
        list[str], typer.Argument(help="Papers to move to the trash (key, prefix, id or title).")
    ],
) -> None:
    """Move papers to the trash (.paperlog/trash/); `paperlog restore` brings them back.

    Example: paperlog rm 2017-vaswani
    """
    library = get_library(ctx)
    keys = [library.resolve(ref) for ref in papers]  # resolve all before moving any
    for key in keys:
        library.trash(key)
        console().print(e(f"Moved {key} to the trash (paperlog restore {key})"))


def restore(
    ctx: typer.Context,
    key: Annotated[
        str | None, typer.Argument(help="A key from the trash; leave out to list the trash.")
    ] = None,
) -> None:
    """Bring a paper back from the trash, or list what is in it.

    Example: paperlog restore 2017-vaswani-attention-is-all-you-need
    """
    library = get_library(ctx)
    if key is None:
        trashed = library.trashed()
        console().print(e("\n".join(trashed)) if trashed else "The trash is empty.")
        return
    restored = library.restore(key)
    if restored == key:
        console().print(e(f"Restored {restored}"))
    else:  # its key was taken since, or it was one of several trashed under one key
        console().print(e(f"Restored {key} as {restored}"))


def reindex(ctx: typer.Context) -> None:
    """Rebuild the search index from the paper files (it is never the source of truth).

    Example: paperlog reindex
    """
    import time

    library = get_library(ctx)
    started = time.perf_counter()
    from paperlog.index import Index

    index = Index(library)
    report = index.rebuild()
    for error in report.errors:
        warn(str(error))
    console().print(
        f"Indexed {report.added} papers in {time.perf_counter() - started:.2f} s"
        + (f" ({len(report.errors)} files could not be read)" if report.errors else "")
    )


def register(app: typer.Typer) -> None:
    app.command()(init)
    app.command()(add)
    app.command()(edit)
    app.command()(mark)
    app.command()(tag)
    app.command()(rm)
    app.command()(restore)
    app.command()(reindex)
