"""Plain text and Markdown: detect the encoding from the bytes (UTF-8, BOMs, GB18030/GBK)."""
from __future__ import annotations

from pathlib import Path

from reporter.errors import UserError

SUFFIXES = (".txt", ".md", ".markdown")


def decode(data: bytes, name: str = "input") -> str:
    """Bytes -> str, refusing empty and binary input with a message a user can act on."""
    if not data.strip():
        raise UserError(f"{name}: the file is empty")
    if data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="strict")
    elif data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16")
    else:
        if b"\x00" in data[:4096]:
            raise UserError(f"{name}: looks like a binary file, not text (NUL bytes)")
        text = _decode_guess(data, name)
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f")
    if controls > max(8, len(text[:20000]) // 100):
        raise UserError(f"{name}: looks like a binary file, not text ({controls} control characters)")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_guess(data: bytes, name: str) -> str:
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UserError(f"{name}: unknown text encoding (tried UTF-8 and GB18030/GBK)")


def read(path: Path, data: bytes) -> str:
    return decode(data, str(path))
