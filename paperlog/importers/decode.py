"""Turn a notebook file's bytes into text, or say in one line why it cannot be read.

UTF-8 (with or without a BOM) is read as is; UTF-16 with a BOM too. Anything else is
handed to charset-normalizer, which recognises the GBK / GB18030 / Big5 / Shift-JIS
files that Chinese and Japanese editors still write; what it cannot decode with
confidence (binary files, mixed garbage) is refused. Line ends become LF.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from paperlog.errors import ImportError_

#: Larger files are refused: no notebook is this big, and reading one would take minutes.
MAX_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


def decode_bytes(data: bytes, path: Path | str) -> Decoded:
    """The text of a notebook file; raise `ImportError_` (one line) when it is not text."""
    if len(data) > MAX_BYTES:
        raise ImportError_(path, f"file is too large ({len(data) // (1024 * 1024)} MB; the limit is "
                           f"{MAX_BYTES // (1024 * 1024)} MB)")
    if not data.strip():
        raise ImportError_(path, "file is empty: there is nothing to import")
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(_normalize(_strict(data[3:], "utf-8", path), path), "utf-8-sig")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(_normalize(_strict(data, "utf-16", path), path), "utf-16")
    if b"\x00" not in data:
        try:
            return Decoded(_normalize(data.decode("utf-8"), path), "utf-8")
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    best = from_bytes(data[: 4 * 1024 * 1024]).best()
    if best is None or best.encoding is None:
        raise ImportError_(path, "not a text file (binary data, or an encoding that cannot be told)")
    encoding = str(best.encoding)
    if encoding in {"gb2312", "gbk"}:
        encoding = "gb18030"  # a superset: the same bytes, and fewer undecodable ones
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise ImportError_(path, f"not valid text: it looks like {encoding} but does not decode") from None
    return Decoded(_normalize(text, path), encoding)


def read_source(path: Path) -> Decoded:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ImportError_(path, f"file is too large ({size // (1024 * 1024)} MB; the limit is "
                               f"{MAX_BYTES // (1024 * 1024)} MB)")
        data = path.read_bytes()
    except OSError as error:
        raise ImportError_(path, f"cannot read: {error.strerror or error}") from None
    return decode_bytes(data, path)


def _strict(data: bytes, encoding: str, path: Path | str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        raise ImportError_(path, f"not valid {encoding} (byte {error.start})") from None


def _binary_looking(text: str) -> bool:
    sample = text[:100_000]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls > max(4, len(sample) // 200)


def _normalize(text: str, path: Path | str) -> str:
    text = text.removeprefix("\ufeff")
    if _binary_looking(text):
        raise ImportError_(path, "not a text file (it holds control characters: binary data?)")
    return text.replace("\r\n", "\n").replace("\r", "\n")
