"""The command line's side of the project file (reporter.toml): its values fill the options the
command line left out, and `reporter init` writes a commented one. The file is found and checked
by reporter/app/overlays.py (one loader)."""
from __future__ import annotations

import argparse
from pathlib import Path

from reporter.errors import UserError

TEMPLATE = """\
# reporter.toml: this project's settings. reporter finds the nearest one in the folder it runs in
# or a parent folder. Paths are relative to this file; options on the command line win.
# Every key is checked when the file is read: a typo is one line naming the key.
# Uncomment what you need.

# store = "build/reporter.db"          # the SQLite store
# out = "build"                        # where products are written
# years = "2019-2024"                  # the default --years (brief, appendix, review)
# area = "…"                           # only the reports of this area (--area)
# templates = "my-templates"           # your templates over the shipped ones (`reporter templates copy`)
# styles = "my-styles"                 # print.css, screen.css, reference.docx, docx.toml over the shipped ones
# corrections = "corrections.toml"     # corrections and review decisions (`reporter review` writes here)
# registry = "my-indicators.toml"      # more indicators and aliases
# areas_file = "my-areas.toml"         # the places (names, aliases, levels, parents) in place of the package's
# termbase = "my-terms.csv"            # approved English names over the package's (summary)

# [formats]                            # default formats per product
# brief = "pdf,docx"
# appendix = "pdf,docx,xlsx"
"""


def write_template(folder: Path, force: bool = False) -> Path:
    """`reporter init`: a commented reporter.toml in folder (never over an existing one unless forced)."""
    path = folder / "reporter.toml"
    if path.exists() and not force:
        raise UserError(f"{path} exists (edit it, or `reporter init --force` to start again)")
    path.write_text(TEMPLATE, "utf-8")
    return path


def required_filled(project) -> set[str]:
    """Options the project file supplies, so the command line need not (e.g. --years)."""
    return {name for name in ("years", "area") if getattr(project, name, None)}


def apply_project(args: argparse.Namespace, project) -> None:
    """Fill what the command line left out from reporter.toml."""
    if getattr(args, "store", None) is None and project.store is not None:
        args.store = project.store
    product = getattr(args, "format_check", None)
    for name in ("templates", "styles"):
        if hasattr(args, name) and getattr(args, name) is None and getattr(project, name) is not None:
            setattr(args, name, getattr(project, name))
    for name in ("years", "area"):
        if hasattr(args, name) and getattr(args, name) is None and getattr(project, name):
            setattr(args, name, getattr(project, name))
    if hasattr(args, "termbase") and getattr(args, "termbase") is None and project.termbase is not None:
        args.termbase = str(project.termbase) if product else project.termbase
    if hasattr(args, "out") and args.out is None and getattr(args, "command", "") != "terms":  # terms: stdout
        args.out = project.out or Path("build")
    if product:
        if getattr(args, "format", None) is None and product[0] in project.formats:
            args.format = project.formats[product[0]].replace(" ", "")
