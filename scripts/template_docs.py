"""Regenerate the product contexts in docs/templates.md from `reporter templates context NAME --shape`.

Run after changing a product's context (tests/test_docs.py fails until you do):
    .venv/bin/python scripts/template_docs.py [--store build/reporter.db]
The contexts are built from the corpus of seeds/ in a temporary store unless --store is given.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reporter.app.ingest import IngestOptions, ingest  # noqa: E402
from reporter.app.templates import context_docs, replace_context_docs  # noqa: E402
from reporter.settings import Settings  # noqa: E402

DOC = ROOT / "docs" / "templates.md"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store = args.store or Path(tmp) / "store.db"
        if not args.store:
            ingest(IngestOptions(Settings(store=store), paths=[str(ROOT / "seeds")]))
        DOC.write_text(replace_context_docs(DOC.read_text("utf-8"), context_docs(Settings(store=store))), "utf-8")
    print(f"wrote {DOC}")


if __name__ == "__main__":
    main()
