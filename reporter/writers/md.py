"""Document -> the Markdown it was built from (what an editor's template produced)."""
from __future__ import annotations

from reporter.document import Document


def write(doc: Document, ctx) -> bytes:
    return doc.markdown.encode("utf-8")
