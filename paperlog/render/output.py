"""Writing generated text into the user's files: between markers, atomically, only if changed.

A generated file holds its content between `<!-- paperlog:begin -->` and
`<!-- paperlog:end -->`. When the file already exists, only the text between the
markers is replaced: whatever the user wrote before and after (an introduction, a
licence, badges) stays as it is. A file that exists without the markers is not
paperlog's to overwrite unless the caller says `force`.
"""

from __future__ import annotations

from pathlib import Path

from paperlog.errors import PaperlogError
from paperlog.library import atomic_write

BEGIN = "<!-- paperlog:begin -->"
END = "<!-- paperlog:end -->"

__all__ = ["BEGIN", "END", "merge_generated", "write_generated"]


def merge_generated(existing: str | None, generated: str, *, path: Path, force: bool = False) -> str:
    """The new text of `path`: `generated` (which holds the markers) merged into `existing`."""
    start, stop = generated.find(BEGIN), generated.rfind(END)
    if start < 0 or stop < start:
        raise PaperlogError(f"the template for {path.name} must contain {BEGIN} and {END}")
    if existing is None:
        return generated
    old_start, old_stop = existing.find(BEGIN), existing.rfind(END)
    if old_start < 0 or old_stop < old_start:
        if force:
            return generated
        raise PaperlogError(
            f"{path} exists and has no paperlog markers; put {BEGIN} and {END} where the "
            "generated part should go (your text around them is kept), or pass --force "
            "to replace the whole file"
        )
    block = generated[start : stop + len(END)]
    return existing[:old_start] + block + existing[old_stop + len(END) :]


def write_generated(path: Path, generated: str, *, force: bool = False) -> bool:
    """Write `generated` into `path` (see `merge_generated`); False when nothing changed."""
    try:
        existing: str | None = path.read_text("utf-8")
    except FileNotFoundError:
        existing = None
    text = merge_generated(existing, generated, path=path, force=force)
    if text == existing:
        return False
    atomic_write(path, text)
    return True
