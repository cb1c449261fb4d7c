"""Template lint: what `reporter templates check` looks for, on templates and on a rendered Document.

- undefined names: the template renders with a recording Undefined (prints nothing, never stops),
  so every undefined name is found in one pass, each with its file, line and a hint;
- blocks that override nothing: a top-level {% block x %} in a template that extends another,
  where no template up its chain has a block x (a typo: the override silently does nothing);
- unused macros: a {% macro m %} whose name no template uses (as m, x.m or `import m`);
- figures printed without a source footnote, by this heuristic (see docs/templates.md):
  a *figure* is a number in the body text that is not a year (1900-2099 without decimals), not an
  identifier (leading zero, or touching a Latin letter: 002, PM2.5, 2024Q1) and not part of a
  date (followed by 年, 月, 日 or 季度, or next to an English month name). Text on the cover, in the contents, in headings, header
  cells, captions, code, footnotes and inside anything with class "nosource" is not looked at.
  A paragraph or list item is *sourced* when it holds a footnote marker or ends with a
  parenthesised reference to a report of the corpus (its title, or its id or an id prefix of at
  least 3 characters: “…（003）”); a table cell when its cell or its row holds a marker, when a
  header cell of its table holds one (columns footnoted to their source), or when the table has a
  source column (a header saying 来源 or source). Products not drawn from the corpus (the
  sample) print no facts and are not checked for sources.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import jinja2
from jinja2 import nodes

from reporter.render.problems import names_hint

SKIP_CLASSES = ("cover", "toc", "footnote", "nosource")
SKIP_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "th", "figcaption", "code", "pre"}
NUMBER = re.compile(r"(?<![A-Za-z0-9_.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?![A-Za-z0-9_]|\.\d)")
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DATE_PART = re.compile(rf"\s*(年|月|日|季度|(?:{MONTHS})\b)")
MONTH_BEFORE = re.compile(rf"\b(?:{MONTHS})\s*$")
SOURCE_HEADER = re.compile(r"来源|source", re.I)
MAX_PER_PRODUCT = 20


@dataclass(frozen=True)
class Finding:
    kind: str  # undefined | block | macro | unsourced | error
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.kind}: {self.message}"


# ---------------------------------------------------------------- undefined names


def template_place() -> tuple[str, int | None]:
    """The template file and line being rendered now (the innermost template frame)."""
    frame = sys._getframe(1)
    while frame is not None:
        if frame.f_code.co_filename.endswith(".j2"):
            template = frame.f_globals.get("__jinja_template__")
            line = template.get_corresponding_lineno(frame.f_lineno) if template is not None else None
            return frame.f_code.co_filename, line
        frame = frame.f_back
    return "template", None


def recording_undefined(found: list[Finding], context_names: list[str]) -> type[jinja2.Undefined]:
    """An Undefined class that records each use (where, what, hint) and renders as nothing."""

    class Recording(jinja2.ChainableUndefined):
        __slots__ = ()

        def _record(self) -> None:
            file, line = template_place()
            name = str(self._undefined_name)
            if self._undefined_obj is jinja2.utils.missing:
                hint = names_hint(name, context_names, "here")
            else:
                hint = f"{type(self._undefined_obj).__name__} has no `{name}`"
            finding = Finding("undefined", file, line, f"{self._undefined_message} ({hint})")
            if finding not in found:
                found.append(finding)

        def __str__(self) -> str:
            self._record()
            return ""

        def __html__(self) -> str:
            return str(self)

        def __iter__(self):
            self._record()
            return iter(())

        def __bool__(self) -> bool:
            self._record()
            return False

        def __len__(self) -> int:
            self._record()
            return 0

    return Recording


# ---------------------------------------------------------------- blocks and macros


@dataclass
class Parsed:
    name: str
    file: str
    tree: nodes.Template


def parse_all(env: jinja2.Environment, names: list[str]) -> dict[str, Parsed]:
    out = {}
    for name in names:
        source, filename, _ = env.loader.get_source(env, name)
        out[name] = Parsed(name, filename or name, env.parse(source, name, filename))
    return out


def parent_of(tree: nodes.Template) -> str | None:
    found = next(iter(tree.find_all(nodes.Extends)), None)
    return found.template.value if found and isinstance(found.template, nodes.Const) else None


def top_blocks(tree: nodes.Template) -> list[nodes.Block]:
    """Blocks not nested inside another block (only these must override something)."""
    out: list[nodes.Block] = []

    def walk(node: nodes.Node) -> None:
        for child in node.iter_child_nodes():
            if isinstance(child, nodes.Block):
                out.append(child)
            else:
                walk(child)

    walk(tree)
    return out


def chain_blocks(env: jinja2.Environment, name: str | None, seen: int = 0) -> set[str]:
    """Every block defined by template `name` and the templates it extends."""
    if name is None or seen > 10:
        return set()
    source, filename, _ = env.loader.get_source(env, name)
    tree = env.parse(source, name, filename)
    return {b.name for b in tree.find_all(nodes.Block)} | chain_blocks(env, parent_of(tree), seen + 1)


def orphan_blocks(env: jinja2.Environment, parsed: dict[str, Parsed]) -> list[Finding]:
    import difflib

    found = []
    for p in parsed.values():
        parent = parent_of(p.tree)
        if parent is None:
            continue
        known = chain_blocks(env, parent)
        for block in top_blocks(p.tree):
            if block.name not in known:
                near = difflib.get_close_matches(block.name, sorted(known), n=2, cutoff=0.5)
                guess = f"; did you mean {' or '.join(near)}?" if near else f"; blocks there: {', '.join(sorted(known))}"
                found.append(Finding("block", p.file, block.lineno,
                                     f"block {block.name} overrides nothing: {parent} and what it extends have no block "
                                     f"{block.name}{guess}"))
    return found


def unused_macros(parsed: dict[str, Parsed]) -> list[Finding]:
    used: set[str] = set()
    for p in parsed.values():
        used |= {n.name for n in p.tree.find_all(nodes.Name) if n.ctx == "load"}
        used |= {n.attr for n in p.tree.find_all(nodes.Getattr)}
        for imp in p.tree.find_all(nodes.FromImport):
            used |= {n if isinstance(n, str) else n[0] for n in imp.names}
    return [Finding("macro", p.file, m.lineno, f"macro {m.name} is never used (delete it, or call it)")
            for p in parsed.values() for m in p.tree.find_all(nodes.Macro) if m.name not in used]


# ---------------------------------------------------------------- figures without a source


def _skipped(el) -> bool:
    for node in [el, *el.iterancestors()]:
        if node.tag in SKIP_TAGS:
            return True
        classes = (node.get("class") or "").split()
        if any(c in SKIP_CLASSES for c in classes):
            return True
    return False


def _has_marker(el) -> bool:
    return any((s.get("id") or "").startswith("fnref") for s in el.iter("sup")) or \
        any("footnote-ref" in (a.get("class") or "") for a in el.iter("a"))


def _own_text(el) -> str:
    """The element's text without footnote markers, nested lists or skipped parts."""
    parts = [el.text or ""]
    for child in el:
        if child.tag in ("ul", "ol", "sup", "table") or _skipped(child):
            pass
        else:
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def figures(text: str) -> list[str]:
    out = []
    for m in NUMBER.finditer(text):
        whole, decimals = m.group(1), m.group(2)
        if not decimals and len(whole) == 4 and whole.isdigit() and 1900 <= int(whole) <= 2099:
            continue  # a year
        if whole.startswith("0") and len(whole) > 1 and whole[1].isdigit():
            continue  # an identifier such as 002
        if not decimals and (DATE_PART.match(text, m.end()) or MONTH_BEFORE.search(text, 0, m.start())):
            continue  # 3月, 15日, 9 January, January 9
        out.append(m.group(0))
    return out


def _sourced_table(table) -> bool:
    """A source column, or header cells footnoted to their source."""
    return any(SOURCE_HEADER.search(th.text_content() or "") or _has_marker(th) for th in table.iter("th"))


TRAILING_REFERENCE = re.compile(r"[（(]([^（）()]+)[）)]\s*+[。.；;]?\s*+$")  # possessive: no backtracking over spaces


def _cites_report(text: str, references: list[str]) -> bool:
    """True when text ends with (a report title) or (a report id, or its first 3+ characters)."""
    m = TRAILING_REFERENCE.search(text)
    if not m:
        return False
    ref = m.group(1).strip()
    return any(ref == r or (len(ref) >= 3 and r.startswith(ref)) for r in references)


def unsourced(body, where: str, references: list[str] = (), files: list[Path] = ()) -> list[Finding]:
    """Findings for figures in the Document body that no footnote sources (the heuristic above);
    references: the corpus's report ids and titles; files: the templates, to find literal figures."""
    found: list[Finding] = []
    for el in body.iter("p", "li", "dd", "td"):
        if _skipped(el):
            continue
        if el.tag == "p" and any(a.tag in ("li", "td", "dd") for a in el.iterancestors()):
            continue  # judged with its list item or cell
        numbers = figures(_own_text(el))
        if not numbers:
            continue
        if el.tag == "td":
            table = next((a for a in el.iterancestors() if a.tag == "table"), None)
            if _has_marker(el) or _has_marker(el.getparent()) or (table is not None and _sourced_table(table)):
                continue
        elif _has_marker(el) or _cites_report(" ".join(el.text_content().split()), list(references)):
            continue
        text = " ".join(_own_text(el).split())
        shown = text if len(text) <= 60 else text[:57] + "…"
        place = literal_place(text, numbers[0], list(files))
        file, line = place if place else (where, None)
        found.append(Finding("unsourced", file, line,
                             f"{', '.join(numbers[:3])} printed without a source footnote in {el.tag} “{shown}”"
                             + (" (written in the template: cite it, or wrap it in a span of class nosource)" if place else "")))
    return found


def literal_place(text: str, figure: str, files: list[Path]) -> tuple[str, int] | None:
    """Where a figure is written literally in a template, with a few characters around it as in
    the output (then it is the template's own text, and the finding can point at its line)."""
    at = text.find(figure)
    snippet = text[max(0, at - 6):at + len(figure) + 6] if at >= 0 else ""
    if len(snippet) < len(figure) + 4:
        return None
    for path in files:
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if snippet in line:
                return str(path), number
    return None
