"""Sanity checks on editors' stylesheets before layout.

WeasyPrint lays out whatever it is given: `main { width: 1e9px }` or `@page { size: 5mm }`
makes it run for hours or divide by zero. Lengths are checked against generous bounds here,
so a typo is one line naming the file, line and value instead of a hang.
"""
from __future__ import annotations

import tinycss2

from reporter.errors import UserError

PX = {"px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54, "mm": 96 / 25.4, "q": 96 / 101.6,
      "em": 16.0, "rem": 16.0, "ex": 8.0, "ch": 8.0, "vw": 8.0, "vh": 11.0, "vmin": 8.0, "vmax": 11.0}
MAX_PX = 20_000.0  # about 5 m: no page or box of a report comes near
MAX_NUMBER = 1_000_000.0
MIN_PAGE_MM = 50.0
MAX_PAGE_MARGIN_MM = 80.0


def _tokens(tokens):
    for token in tokens:
        yield token
        if hasattr(token, "arguments"):
            yield from _tokens(token.arguments)
        if hasattr(token, "content") and isinstance(token.content, list):
            yield from _tokens(token.content)


def _check_declarations(content, name: str, in_page: bool) -> None:
    for decl in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if decl.type == "at-rule":  # margin boxes inside @page
            if decl.content:
                _check_declarations(decl.content, name, False)
            continue
        if decl.type != "declaration":
            continue
        prop = decl.lower_name
        for token in _tokens(decl.value):
            if token.type == "dimension":
                px = abs(token.value) * PX.get(token.lower_unit, 1.0)
                if px > MAX_PX:
                    raise UserError(f"{name}:{token.source_line}: {prop}: {token.serialize()} is too large "
                                    "(nothing was written)")
                mm = px * 25.4 / 96
                if in_page and prop == "size" and mm < MIN_PAGE_MM:
                    raise UserError(f"{name}:{token.source_line}: @page size {token.serialize()} is smaller than "
                                    f"{MIN_PAGE_MM:.0f} mm (nothing was written)")
                if in_page and prop.startswith("margin") and mm > MAX_PAGE_MARGIN_MM:
                    raise UserError(f"{name}:{token.source_line}: @page {prop} {token.serialize()} leaves no room "
                                    "for the text (nothing was written)")
            elif token.type in ("number", "percentage") and abs(token.value) > MAX_NUMBER:
                raise UserError(f"{name}:{token.source_line}: {prop}: {token.serialize()} is too large "
                                "(nothing was written)")


def check_stylesheet(css: str, name: str) -> None:
    """Raise UserError for a length or page size no report layout can use."""
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        if rule.type == "error":
            continue  # WeasyPrint skips what it cannot parse, and so do we
        if rule.type == "at-rule":
            if rule.content is None:
                continue
            if rule.lower_at_keyword == "page":
                _check_declarations(rule.content, name, True)
            else:  # @media and friends hold rules
                check_stylesheet(tinycss2.serialize(rule.content), name)
        elif rule.type == "qualified-rule":
            _check_declarations(rule.content, name, False)


def check_inline(style: str, name: str = "style attribute") -> None:
    _check_declarations(tinycss2.parse_component_value_list(style), name, False)
