"""Markdown -> Document: python-markdown, then a sanitiser that keeps the closed vocabulary
of reporter/document.py, drops active content and refuses anything that would fetch."""
from __future__ import annotations

import base64
import binascii
import hashlib
import re
from pathlib import Path
from urllib.parse import unquote_to_bytes

import lxml.etree
import lxml.html
import markdown

from reporter.allowlist import AllowList, RefusedFetch, check_css, check_url
from reporter.errors import UserError
from reporter.limits import MAX_TABLE_ROWS
from reporter.document import ATTRIBUTES, ELEMENTS, Document, Images
from reporter.writers.css import check_fetches, check_inline, fetch_form

EXTENSIONS = ["tables", "footnotes", "toc", "attr_list", "def_list", "md_in_html", "sane_lists"]
DROP_TAGS = {"script", "iframe", "object", "embed", "link", "meta", "base", "form", "input", "button",
             "textarea", "select", "style", "frame", "frameset", "applet", "svg", "math", "template", "noscript"}
URL_ATTRS = ("src", "href")
MAX_DEPTH = 100  # elements nested in one product; a report needs fewer than 20, the writers recurse per level


class NestingLimit(UserError):
    pass


def ascii_slug(value: str, separator: str) -> str:
    """Heading ids stay ASCII: serialisers percent-encode non-ASCII hrefs and TOC links break."""
    return "s-" + hashlib.sha1(value.encode("utf-8")).hexdigest()[:10]


def to_html(markdown_text: str, contents_title: str) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={
        "toc": {"slugify": ascii_slug, "toc_depth": "2-3", "title": contents_title},
        "footnotes": {"BACKLINK_TEXT": "", "SUPERSCRIPT_TEXT": "{}"},
    })
    return md.convert(markdown_text)


def sanitise(html: str, allow: AllowList) -> lxml.html.HtmlElement:
    """Keep the Document vocabulary: drop active content, unwrap unknown tags, check every URL."""
    root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    for el in list(root.iter()):
        if el is root:
            continue
        if not isinstance(el.tag, str):  # comments, processing instructions
            el.drop_tree() if el.getparent() is not None else None
            continue
        tag = el.tag.lower()
        if tag in DROP_TAGS:
            el.drop_tree()
            continue
        for attr in list(el.attrib):
            low = attr.lower()
            if low not in ATTRIBUTES:
                del el.attrib[attr]
            elif low in URL_ATTRS:
                value = el.attrib[attr]
                if value.strip().lower().startswith(("javascript:", "vbscript:")):
                    del el.attrib[attr]
                else:
                    check_url(fetch_form(value) if low != "href" else value, allow, fetched=low != "href")
                    if low == "src":
                        check_data_image(value)
            elif low == "style":
                check_css(el.attrib[attr], allow, Path("."))
                check_fetches(el.attrib[attr], allow, Path("."))
                check_inline(el.attrib[attr])
        if tag not in ELEMENTS:
            el.drop_tag()  # its text and children stay, in the parent
    return root


SVG_FAN_OUT = re.compile(r"<\s*(?:svg:)?use\b|<!ENTITY", re.I)


def check_data_image(url: str) -> None:
    """A data: SVG may not reference its own elements (<use> fans out exponentially: a few KB
    ran layout past 150 s) nor declare entities."""
    head, _, data = url.strip().partition(",")
    if not head.lower().startswith("data:image/svg"):
        return
    try:
        text = (base64.b64decode(data, validate=False) if head.lower().endswith(";base64")
                else unquote_to_bytes(data)).decode("utf-8", "replace")
    except (ValueError, binascii.Error):
        raise RefusedFetch("refused a data: SVG image that does not decode (nothing was written)") from None
    if SVG_FAN_OUT.search(text):
        raise RefusedFetch("refused a data: SVG image with <use> or an entity: it can fan out without bound "
                           "(nothing was written)")


def check_table_rows(root: lxml.html.HtmlElement) -> None:
    """A table longer than MAX_TABLE_ROWS is refused before layout (60k rows ran past 200 s)."""
    for table in root.iter("table"):
        rows = sum(1 for _ in table.iter("tr"))
        if rows > MAX_TABLE_ROWS:
            raise UserError(f"a table of {rows:,} rows is over the limit of {MAX_TABLE_ROWS:,} rows per table "
                            "(split it, or put the data in the xlsx/csv formats)")


def _note_href(el) -> str | None:
    """The footnote a <sup> marker points to (#fn:3), or None for any other element."""
    if el is None or not isinstance(el.tag, str) or el.tag != "sup":
        return None
    link = next((a for a in el.iter("a") if "footnote-ref" in (a.get("class") or "")), None)
    return link.get("href") if link is not None else None


def separate_note_refs(root) -> None:
    """Markers side by side become one superscript list: `8,12,13`, never `81213`, and the same
    note twice in a row (`5757`) once. Done on the Document, so every writer gets it."""
    dropped: set[str] = set()
    for sup in list(root.iter("sup")):
        if sup.getparent() is None or _note_href(sup) is None:
            continue
        run = [sup]
        while not (run[-1].tail or "").strip() and _note_href(run[-1].getnext()) is not None:
            run.append(run[-1].getnext())
        if len(run) < 2 or (sup.getprevious() is not None and _note_href(sup.getprevious()) and
                            not (sup.getprevious().tail or "").strip()):
            continue
        seen: set[str] = set()
        for el in run:
            href = _note_href(el)
            if href in seen:
                dropped.add(el.get("id") or "")
                el.getprevious().tail = (el.getprevious().tail or "") + (el.tail or "")
                el.getparent().remove(el)
                continue
            if seen:
                comma = lxml.html.Element("sup")
                comma.text = ","
                el.addprevious(comma)
            seen.add(href)
    for back in list(root.iter("a")):  # backlinks to markers that are gone
        if "footnote-backref" in (back.get("class") or "") and (back.get("href") or "").lstrip("#") in dropped:
            back.drop_tree()


SHORT_HEADER = 4  # characters: a header this short is one word (变化, 年均增速) and never breaks


def keep_short_headers_whole(root) -> None:
    """A column header of one short word gets class `word` (the stylesheets keep it on one line):
    a narrow numeric column otherwise breaks 变化 into 变/化, one character a line."""
    for th in root.iter("th"):
        text = th.text_content().strip()
        if text and len(text) <= SHORT_HEADER and not any(c.isspace() for c in text):
            th.set("class", " ".join(filter(None, [th.get("class"), "word"])))


def build_document(markdown_text: str, title: str, allow: AllowList, images: Images, contents_title: str,
                   lang: str = "zh-CN") -> Document:
    try:
        html = to_html(markdown_text, contents_title)
    except RecursionError:  # python-markdown recurses per list, quote or emphasis level
        raise NestingLimit("the template's output nests lists, quotes or emphasis too deep for Markdown "
                           "(nothing was written)") from None
    body = sanitise(html, allow)
    depth = nesting_depth(body)
    if depth > MAX_DEPTH:
        raise NestingLimit(f"the template's output nests elements {depth} deep (at most {MAX_DEPTH}; "
                           "nothing was written)")
    check_table_rows(body)
    separate_note_refs(body)
    keep_short_headers_whole(body)
    return Document(title=title, body=body, markdown=markdown_text, lang=lang, images=images)


def nesting_depth(root) -> int:
    """How deep elements nest below ROOT, counted without recursion (lxml stops parsing at 255
    levels silently, so anything near that is refused rather than cut)."""
    deepest = depth = 0
    for event, _ in lxml.etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest - 1
