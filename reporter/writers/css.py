"""Sanity checks on editors' stylesheets before layout.

WeasyPrint lays out whatever it is given: `main { width: 1e9px }` or `@page { size: 5mm }`
makes it run for hours or divide by zero. The whole cascade is checked (the stylesheet, every
`@import` it pulls in, which must stay inside the stylesheet's own folder, and inline `style=`
attributes): lengths against generous bounds, `calc()` by the product of its terms, no `var()`
(its value is only known after the cascade), font sizes that nesting cannot blow up, the page
area left after the margins, and nesting depth. A typo is one line naming the file, line and
value instead of a hang or a traceback.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import tinycss2

from reporter.errors import UserError

PX = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6,
      "em": 16.0, "rem": 16.0, "ex": 8.0, "ch": 8.0, "vw": 8.0, "vh": 11.0, "vmin": 8.0, "vmax": 11.0}
MAX_PX = 20_000.0  # about 5 m: no page or box of a report comes near
MAX_NUMBER = 1_000_000.0
MIN_PAGE_MM = 50.0
MAX_PAGE_MARGIN_MM = 80.0
MIN_TEXT_AREA_MM = 20.0  # the page minus its margins, each way
MAX_FONT_PX = 200.0  # an absolute font size (150 pt)
MAX_FONT_FACTOR = 4.0  # a relative one (em, rem, %, ex, ch); nested, sizes still grow only so far per level
MAX_DEPTH = 16  # nested blocks, functions and @imports
MAX_IMPORTS = 32
MAX_CSS_CHARS = 2 * 2**20
MM = 25.4 / 96
# WeasyPrint's page size keywords (portrait, mm)
PAGE_SIZES = {"letter": (215.9, 279.4), "legal": (215.9, 355.6), "ledger": (279.4, 431.8),
              "jis-b4": (257, 364), "jis-b5": (182, 257)}
for _series, (_w, _h) in {"a": (841, 1189), "b": (1000, 1414), "c": (917, 1297)}.items():
    for _n in range(11):
        PAGE_SIZES[f"{_series}{_n}"] = (_w, _h)
        _w, _h = _h // 2, _w
        _w, _h = min(_w, _h), max(_w, _h)


@dataclass
class _Walk:
    name: str
    folder: Path | None  # where @import resolves; None: imports are refused (inline CSS)
    imports: list[Path] = field(default_factory=list)

    def fail(self, line: int | None, text: str) -> UserError:
        where = f"{self.name}:{line}" if line else self.name
        return UserError(f"{where}: {text} (nothing was written)")


def _tokens(tokens, walk: _Walk, depth: int = 0):
    if depth > MAX_DEPTH:
        raise walk.fail(None, f"values nested over {MAX_DEPTH} deep")
    for token in tokens:
        yield token
        if hasattr(token, "arguments"):
            yield from _tokens(token.arguments, walk, depth + 1)
        if hasattr(token, "content") and isinstance(token.content, list):
            yield from _tokens(token.content, walk, depth + 1)


def _px(token) -> float:
    return abs(token.value) * PX.get(token.lower_unit, 1.0)


def _check_calc(fn, prop: str, walk: _Walk, most: float = MAX_PX) -> None:
    """calc(), min(), max(), clamp(): the product of every term's size bounds what it can reach
    (`calc(10000px * 999999)` passes a check of each term)."""
    bound = 1.0
    for token in _tokens(fn.arguments, walk):
        if token.type == "dimension":
            bound *= max(1.0, _px(token))
        elif token.type in ("number", "percentage"):
            bound *= max(1.0, abs(token.value))
        if bound > most:
            raise walk.fail(fn.source_line, f"{prop}: {fn.serialize()[:60]} can reach {bound:,.0f} px, too large")


def _check_font_size(token, prop: str, walk: _Walk) -> None:
    relative = token.type == "percentage" or (token.type == "dimension" and token.lower_unit in ("em", "rem", "ex", "ch"))
    if token.type == "percentage":
        factor = abs(token.value) / 100
    elif token.type == "dimension" and relative:
        factor = abs(token.value) * (0.5 if token.lower_unit in ("ex", "ch") else 1.0)
    else:
        factor = None
    if factor is not None and factor > MAX_FONT_FACTOR:
        raise walk.fail(token.source_line, f"{prop}: {token.serialize()} is over {MAX_FONT_FACTOR:g} times the "
                        "parent's size (nested, it grows without bound)")
    if token.type == "dimension" and not relative and _px(token) > MAX_FONT_PX:
        raise walk.fail(token.source_line, f"{prop}: {token.serialize()} is too large a font")


def _check_value(decl, walk: _Walk, page: dict | None) -> None:
    prop = decl.lower_name
    for token in _tokens(decl.value, walk):
        if token.type == "function":
            name = token.lower_name
            if name == "var":
                raise walk.fail(token.source_line, f"{prop}: {name}() is not supported in report styles "
                                "(its value is only known after the cascade; write the value)")
            if name in ("calc", "min", "max", "clamp"):
                _check_calc(token, prop, walk, MAX_FONT_PX * MAX_FONT_FACTOR if prop in ("font-size", "font") else MAX_PX)
        elif token.type == "dimension":
            if _px(token) > MAX_PX:
                raise walk.fail(token.source_line, f"{prop}: {token.serialize()} is too large")
            if prop in ("font-size", "font"):
                _check_font_size(token, prop, walk)
        elif token.type in ("number", "percentage"):
            if abs(token.value) > MAX_NUMBER:
                raise walk.fail(token.source_line, f"{prop}: {token.serialize()} is too large")
            if prop in ("font-size", "font") and token.type == "percentage":
                _check_font_size(token, prop, walk)
    if page is not None and (prop == "size" or prop.startswith("margin")):
        page[prop] = decl


def _lengths_mm(decl, walk: _Walk, width_mm: float | None = None) -> list[float]:
    """The lengths of a size or margin declaration in mm (a percentage of the page width)."""
    out = []
    for token in decl.value:
        if token.type == "dimension":
            out.append(_px(token) * MM)
        elif token.type == "number":
            out.append(abs(token.value))  # WeasyPrint takes a bare 0; anything else is invalid anyway
        elif token.type == "percentage" and width_mm is not None:
            out.append(abs(token.value) / 100 * width_mm)
        elif token.type == "ident":
            out.append(token.lower_value)
    return out


def _page_box(page: dict, walk: _Walk, line: int) -> None:
    """The page size, then what its margins leave for the text."""
    width, height = 210.0, 297.0  # A4, WeasyPrint's default
    size = page.get("size")
    if size is not None:
        parts = _lengths_mm(size, walk)
        named = [p for p in parts if isinstance(p, str) and p in PAGE_SIZES]
        numbers = [p for p in parts if isinstance(p, float)]
        if named:
            width, height = PAGE_SIZES[named[0]]
            if "landscape" in parts:
                width, height = height, width
        elif numbers:
            width, height = numbers[0], numbers[-1] if len(numbers) > 1 else numbers[0]
        if min(width, height) < MIN_PAGE_MM:
            small = next((t.serialize() for t in size.value if t.type in ("dimension", "number")
                          and (_px(t) * MM if t.type == "dimension" else abs(t.value)) < MIN_PAGE_MM),
                         tinycss2.serialize(size.value).strip())
            raise walk.fail(size.source_line, f"@page size {small} is smaller than {MIN_PAGE_MM:.0f} mm")
    margins = {"top": 0.0, "right": 0.0, "bottom": 0.0, "left": 0.0}
    if "margin" in page:
        values = [v for v in _lengths_mm(page["margin"], walk, width) if isinstance(v, float)]
        if values:
            top, right, bottom, left = (values * 4)[:4] if len(values) == 1 else {
                2: lambda v: (v[0], v[1], v[0], v[1]), 3: lambda v: (v[0], v[1], v[2], v[1])}.get(
                len(values), lambda v: tuple(v[:4]))(values)
            margins = {"top": top, "right": right, "bottom": bottom, "left": left}
    for side in margins:
        if f"margin-{side}" in page:
            values = [v for v in _lengths_mm(page[f"margin-{side}"], walk, width) if isinstance(v, float)]
            margins[side] = values[0] if values else margins[side]
    for side, value in margins.items():
        if value > MAX_PAGE_MARGIN_MM:
            raise walk.fail(line, f"@page margin-{side} {value:.0f} mm leaves no room for the text")
    text_w, text_h = width - margins["left"] - margins["right"], height - margins["top"] - margins["bottom"]
    if min(text_w, text_h) < MIN_TEXT_AREA_MM:
        raise walk.fail(line, f"@page of {width:.0f}×{height:.0f} mm with these margins leaves {text_w:.0f}×{text_h:.0f} mm "
                        f"for the text (at least {MIN_TEXT_AREA_MM:.0f} mm each way)")


def _check_declarations(content, walk: _Walk, in_page: bool, depth: int) -> None:
    if depth > MAX_DEPTH:
        raise walk.fail(None, f"rules nested over {MAX_DEPTH} deep")
    page: dict | None = {} if in_page else None
    line = None
    for decl in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if decl.type == "at-rule":  # margin boxes inside @page
            if decl.content:
                _check_declarations(decl.content, walk, False, depth + 1)
            continue
        if decl.type == "qualified-rule":  # CSS nesting
            _check_declarations(decl.content, walk, False, depth + 1)
            continue
        if decl.type != "declaration":
            continue
        line = line or decl.source_line
        _check_value(decl, walk, page)
    if page:
        _page_box(page, walk, line or 0)


def _import_target(rule, walk: _Walk) -> Path:
    """The file an @import names, which must be inside the stylesheet's folder (no way out by
    '..', an absolute path, a symlink or a URL)."""
    target = next((t for t in rule.prelude if t.type in ("url", "string")), None)
    if target is None:
        for t in rule.prelude:
            if t.type == "function" and t.lower_name == "url":
                target = next((a for a in t.arguments if a.type == "string"), None)
    if target is None or walk.folder is None:
        raise walk.fail(rule.source_line, "refused @import: only of a stylesheet file beside this one")
    ref = target.value.strip()
    if re.match(r"^[a-z][a-z0-9+.-]*:", ref, re.I) and not ref.lower().startswith("file:"):
        raise walk.fail(rule.source_line, f"refused @import {ref}: styles may not load anything from the network")
    root = walk.folder.resolve()
    path = (walk.folder / ref.removeprefix("file://")).resolve()
    if root not in path.parents or not path.is_file():
        raise walk.fail(rule.source_line, f"refused @import {ref}: not a file inside {walk.folder.name}/")
    return path


def _check_rules(css: str, walk: _Walk, depth: int = 0) -> None:
    if len(css) > MAX_CSS_CHARS:
        raise walk.fail(None, f"over {MAX_CSS_CHARS // 2**20} M characters of style")
    if depth > MAX_DEPTH:
        raise walk.fail(None, f"rules nested over {MAX_DEPTH} deep")
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "error":
            continue  # WeasyPrint skips what it cannot parse, and so do we
        if rule.type == "at-rule":
            keyword = rule.lower_at_keyword
            if keyword == "import":
                _check_import(rule, walk, depth)
            elif rule.content is None:
                continue
            elif keyword == "page":
                _check_declarations(rule.content, walk, True, depth + 1)
            elif keyword == "font-face":
                _check_declarations(rule.content, walk, False, depth + 1)
            else:  # @media and friends hold rules
                _check_rules(tinycss2.serialize(rule.content), walk, depth + 1)
        elif rule.type == "qualified-rule":
            _check_declarations(rule.content, walk, False, depth + 1)


def _check_import(rule, walk: _Walk, depth: int) -> None:
    path = _import_target(rule, walk)
    if path in walk.imports:
        return  # a cycle or a repeat: WeasyPrint reads it once too
    walk.imports.append(path)
    if len(walk.imports) > MAX_IMPORTS:
        raise walk.fail(rule.source_line, f"over {MAX_IMPORTS} @imports")
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        raise walk.fail(rule.source_line, f"@import {path.name}: cannot read it as UTF-8 text") from None
    _check_rules(text, _Walk(f"{walk.name} → {path.name}", walk.folder, walk.imports), depth + 1)


def check_stylesheet(css: str, name: str, folder: Path | None = None) -> list[Path]:
    """Raise UserError for a length, font size, page or import no report layout can use; the
    files it imports (checked too). FOLDER: where the stylesheet is (imports stay inside it)."""
    walk = _Walk(name, folder)
    _check_rules(css, walk)
    return walk.imports


def check_inline(style: str, name: str = "style attribute") -> None:
    walk = _Walk(name, None)
    if len(style) > MAX_CSS_CHARS:
        raise walk.fail(None, "too long a style attribute")
    for decl in tinycss2.parse_blocks_contents(style, skip_comments=True, skip_whitespace=True):
        if decl.type == "declaration":
            _check_value(decl, walk, None)
        elif decl.type in ("at-rule", "qualified-rule"):
            raise walk.fail(None, "a style attribute holds declarations only")


URL_FUNCTIONS = {"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade", "element"}


def css_urls(css: str) -> list[str]:
    """Every URL a stylesheet or style attribute could fetch, after CSS escapes are decoded
    (`u\\72l(…)` is url(…)): url() tokens, strings inside url()/src()/image-set()/…, @import."""
    found: list[str] = []

    def walk(tokens, inside: bool, depth: int = 0) -> None:
        if depth > MAX_DEPTH * 4:
            raise UserError(f"style nested over {MAX_DEPTH * 4} deep (nothing was written)")
        importing = False
        for token in tokens:
            if token.type == "at-keyword":
                importing = token.lower_value == "import"
            elif token.type == "literal" and token.value in (";", "{", "}"):
                importing = False
            if token.type == "url":
                found.append(token.value)
            elif token.type == "string" and (inside or importing):
                found.append(token.value)
            elif token.type == "function":
                walk(token.arguments, token.lower_name in URL_FUNCTIONS, depth + 1)
            elif token.type in ("{} block", "[] block", "() block"):
                walk(token.content, inside, depth + 1)

    walk(tinycss2.parse_component_value_list(css), False)
    return found


def check_fetches(css: str, allow, base: Path) -> None:
    """Refuse any URL in CSS that would fetch from the network or outside the allowed folders."""
    from reporter.allowlist import check_url

    for url in css_urls(css):
        url = fetch_form(url)
        if not re.match(r"^[a-z][a-z0-9+.-]*:|^/", url, re.I):
            url = (base / url).resolve().as_uri()
        check_url(url, allow, fetched=True)


def fetch_form(url: str) -> str:
    """A URL as a browser reads it: tabs and newlines removed, backslashes as slashes, so
    `\\\\host\\x.png` is the network path //host/x.png it is and not a file name."""
    url = re.sub(r"[\t\n\r]", "", url).strip().replace("\\", "/")
    if url.startswith("//"):
        from reporter.allowlist import RefusedFetch

        raise RefusedFetch(f"refused {url}: templates and styles may not load anything from the network "
                           "(nothing was written)")
    return url
