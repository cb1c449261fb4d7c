"""Plain text and Markdown: detect the encoding from the bytes.

UTF-8 (with or without a BOM) and UTF-16/32 with a BOM are taken as they say; anything else is
detected with charset-normalizer among the encodings Chinese reports come in (GB18030/GBK and
Big5), and a guess without confidence is refused naming the likely encodings, never stored as
mojibake.
"""
from __future__ import annotations

import codecs
from pathlib import Path

from reporter.errors import UserError

SUFFIXES = (".txt", ".md", ".markdown")

BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
CANDIDATES = ["gb18030", "big5"]  # what a detector may choose among for a Chinese report
MAX_CHAOS = 0.2  # charset-normalizer's "mess" ratio above which a decode is not trusted
NAMES = {"gb18030": "GB18030/GBK", "big5": "Big5"}


def decode(data: bytes, name: str = "input") -> str:
    """Bytes -> str, refusing empty, binary and undecidable input with a message a user can act on."""
    if not data.strip():
        raise UserError(f"{name}: the file is empty")
    text = _decode_bom(data, name)
    if text is None:
        if b"\x00" in data[:4096]:
            raise UserError(f"{name}: looks like a binary file, not text (NUL bytes)")
        text = _decode_guess(data, name)
    sample = text[:20000]
    controls = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\r\t\f\v") or 0x7F <= ord(c) < 0xA0)
    if controls > max(8, len(sample) // 100):
        raise UserError(f"{name}: looks like a binary file, not text ({controls} control characters)")
    if not text.strip():
        raise UserError(f"{name}: the file is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_bom(data: bytes, name: str) -> str | None:
    for bom, codec, label in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise UserError(f"{name}: starts with a {label} byte-order mark but byte {exc.start + len(bom)} "
                                f"is not {label}; save the file again as UTF-8") from None
    return None


def _decode_guess(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = sorted((m for m in from_bytes(data, cp_isolation=CANDIDATES) if m.chaos <= MAX_CHAOS),
                     key=lambda m: (m.chaos, -m.coherence))
    if matches:
        best = matches[0]
        tied = [m for m in matches[1:] if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
        if not tied:
            return str(best)
        likely = [best.encoding] + [m.encoding for m in tied]
        raise UserError(f"{name}: cannot tell the text encoding (could be {_names(likely)}); save the file as UTF-8")
    likely = [m.encoding for m in from_bytes(data)][:3]
    hint = f"; it looks like {_names(likely)}" if likely else ""
    raise UserError(f"{name}: unknown text encoding (not UTF-8, GB18030/GBK or Big5{hint}); save the file as UTF-8")


def _names(encodings: list[str]) -> str:
    return " or ".join(dict.fromkeys(NAMES.get(e, e) for e in encodings))


def read(path: Path, data: bytes) -> str:
    return decode(data, str(path))
