"""Word 97-2003 (.doc) and WPS (.wps) files: converted to .docx by LibreOffice (headless, in a
temporary folder with its own profile, with a timeout), then read as Word. Without LibreOffice,
one line saying what to install."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from reporter.errors import UserError
from reporter.source import SourceDocument

NAME = "doc"
SUFFIXES = (".doc", ".wps")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file signature of .doc, .wps (and .xls)


def timeout() -> int:
    """Seconds LibreOffice may take (REPORTER_CONVERT_TIMEOUT, default 120)."""
    try:
        return max(1, int(os.environ.get("REPORTER_CONVERT_TIMEOUT", "120")))
    except ValueError:
        return 120


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read(name: str, data: bytes) -> SourceDocument:
    suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in SUFFIXES else ".doc"
    if not data.startswith(OLE) and not data.lstrip().startswith((b"{\\rtf", b"PK\x03\x04")):
        raise UserError(f"{name}: not a Word 97-2003 or WPS document (no compound-file signature)")
    program = soffice()
    if program is None:
        raise UserError(f"{name}: reading {suffix} files needs LibreOffice (apt-get install libreoffice-writer), "
                        "or save the file as .docx")
    from reporter.readers.docx import read as read_docx

    with tempfile.TemporaryDirectory(prefix="reporter-doc-") as tmp:
        source = Path(tmp) / f"source{suffix}"
        source.write_bytes(data)
        profile = Path(tmp) / "profile"
        cmd = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(Path(tmp) / "out"), str(source)]
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)  # its own group: a timeout ends soffice.bin too
        try:
            proc.wait(timeout=timeout())
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise UserError(f"{name}: LibreOffice did not convert it within {timeout()} s "
                            "(REPORTER_CONVERT_TIMEOUT sets the limit)") from None
        out = Path(tmp) / "out" / "source.docx"
        if not out.is_file():
            raise UserError(f"{name}: LibreOffice could not convert it to .docx (a damaged or protected file?)")
        doc = read_docx(name, out.read_bytes())
    doc.format = NAME
    doc.warnings.append(f"converted from {suffix} to .docx by LibreOffice")
    return doc
