"""The Document: the one tree every writer reads (Pandoc's AST in spirit).

It is an lxml tree restricted to a closed vocabulary: the Markdown stage (render/markdown.py)
unwraps any element not listed here and drops any attribute not listed, so a writer handles
exactly these kinds and never re-interprets arbitrary HTML.

  blocks   h1-h6, p, ul/ol/li, table/thead/tbody/tr/th/td, figure/figcaption/img, blockquote,
           dl/dt/dd, pre, hr, div.toc, div.footnote, div (a plain wrapper, e.g. the cover)
  inlines  strong, em, code, sup, sub, a, span, br
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

import lxml.html

BLOCKS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr",
                    "th", "td", "figure", "figcaption", "img", "blockquote", "dl", "dt", "dd", "pre", "hr", "div"})
INLINES = frozenset({"strong", "em", "code", "sup", "sub", "a", "span", "br"})
ELEMENTS = BLOCKS | INLINES
ATTRIBUTES = frozenset({"id", "class", "href", "src", "alt", "title", "colspan", "rowspan", "lang", "style", "align"})


# What no output format can hold: C0 controls but tab and newline, DEL, C1 controls, lone surrogates
# and non-characters. XML refuses most of them and fonts have no glyph for the rest.
UNSAFE = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """Text any writer can hold: a control character in a source must not break a product."""
    return UNSAFE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


class Images(Protocol):
    """Where a writer that cannot take the HTML page as it is (DOCX) gets a figure's PNG by its id."""

    def png(self, figure_id: str) -> bytes | None: ...

    def close(self) -> None: ...


class NoImages:
    def png(self, figure_id: str) -> bytes | None:
        return None

    def close(self) -> None:
        pass


@dataclass
class Document:
    title: str
    body: lxml.html.HtmlElement  # a <div> whose children are blocks of the vocabulary above
    markdown: str = ""  # the source it was built from (the md writer's output)
    lang: str = "zh-CN"
    images: Images = field(default_factory=NoImages)
    meta: dict = field(default_factory=dict)

    def body_html(self) -> str:
        return "".join(lxml.html.tostring(child, encoding="unicode", method="html") for child in self.body)
