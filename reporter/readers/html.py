"""Web pages (.html, .htm, .mhtml) through lxml: the article only, with its headings and tables.

The page's chrome (navigation, breadcrumbs, share bars, related links, footer, ICP lines) is
dropped by rules kept as data (reporter/data/webpage.toml); the article is the element holding
the most Chinese prose in its paragraphs (readability's idea, without its dependencies). Title,
publish date and address come from the markup's meta tags or the page's 发布日期 line; the
encoding from a byte-order mark, the markup's charset, or detection as for text files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from reporter.errors import UserError
from reporter.source import Block, SourceDocument
from reporter.settings import per_data

NAME = "html"
SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".mhtml", ".mht")
HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
MHTML_START = re.compile(rb"^(?:From:|MIME-Version:|Subject:|Date:|Content-Type:\s*multipart/related)", re.I)
CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)""", re.I)
CJK = re.compile(r"[\u4e00-\u9fff]")
BLOCK_TAGS = frozenset("p div section article main li ul ol dl dt dd blockquote pre center h1 h2 h3 h4 h5 h6 tr td th "
                       "table tbody thead tfoot caption figure figcaption address hr body".split())
HEADINGS = {f"h{n}": n for n in range(1, 7)}
MAX_DEPTH = 200  # a page nested deeper than this is refused rather than recursed through


@per_data
def rules() -> dict:
    from reporter.datafiles import package_data

    data = package_data("webpage.toml", "reporter.parse_schemas:WebPageFile")
    return {**data, "chrome_attr": re.compile(data["chrome_attr"]), "chrome_line": [re.compile(p) for p in data["chrome_line"]],
            "date_line": re.compile(data["date_line"]), "title_suffix": re.compile(data["title_suffix"])}


def sniff(head: bytes) -> bool:
    return bool(HTML_START.match(head[:1024])) or (bool(MHTML_START.match(head)) and b"text/html" in head.lower())


def read(name: str, data: bytes) -> SourceDocument:
    url = ""
    if MHTML_START.match(data[:200]):
        data, url = mhtml_page(name, data)
    text = decode_page(name, data)
    root = parse_tree(name, text)
    meta = page_meta(root)
    if url and "url" not in meta:
        meta["url"] = url
    drop_chrome(root)
    article = best_article(root)
    if article is None:
        raise UserError(f"{name}: a page of navigation only: no article text found (fewer than "
                        f"{rules()['min_article_chars']} Chinese characters of prose in any part of it)")
    try:
        walked = Walker().blocks(article)
    except RecursionError:
        raise UserError(f"{name}: a web page nested too deep to read") from None
    blocks = [part for block in walked for part in split_fields(block)]
    title = meta.get("title", "")
    for block in blocks:  # the article's own title line is the report's title, not a section
        if block.kind == "heading" and (block.text.strip() == title or block.level == 1 and not title):
            block.kind, block.level = "paragraph", 0
    levels = sorted({b.level for b in blocks if b.kind == "heading"})
    for i, block in enumerate(blocks):
        block.index = i
        if block.kind == "heading":
            block.level = levels.index(block.level) + 1
        elif block.kind == "paragraph" and any(p.search(block.text) for p in rules()["chrome_line"]):
            block.kind = "furniture"
    from reporter.clean import tidy_document

    return tidy_document(SourceDocument(blocks, NAME, meta, []))


FIELD = re.compile(r"[\s\u3000]+(?=[\u4e00-\u9fff]{2,4}\s*[：:])")


def split_fields(block: Block) -> list[Block]:
    """An article's byline ('发布日期：… 来源：… 【字体：大 中 小】') is several fields on one
    line: one block each, so each is told chrome (and a 来源 read as the issuer) on its own."""
    if block.kind != "paragraph" or len(block.text) > 160:
        return [block]
    parts = [p.strip() for p in FIELD.split(block.text) if p.strip()]
    if len(parts) < 2 or sum(bool(re.match(r"^[\u4e00-\u9fff]{2,4}\s*[：:]", p)) for p in parts) < 2:
        return [block]
    return [Block("paragraph", p) for p in parts]


def mhtml_page(name: str, data: bytes) -> tuple[bytes, str]:
    """The HTML part of a saved page (MHTML) and the address it was saved from."""
    import email
    from email import policy

    msg = email.message_from_bytes(data, policy=policy.compat32)
    url = msg.get("Snapshot-Content-Location", "") or ""
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                return payload, str(url or part.get("Content-Location", "") or "")
    raise UserError(f"{name}: a saved web page (MHTML) with no HTML part")


def decode_page(name: str, data: bytes) -> str:
    """Bytes -> text: a BOM, else the markup's charset, else detection as for a text file."""
    from reporter.readers.text import decode

    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UserError(f"{name}: looks like a binary file, not a web page (NUL bytes)")
    found = CHARSET.search(data[:4096])
    if found and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        label = found.group(1).decode("ascii", "replace").lower()
        codec = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}.get(label, label)
        try:
            return data.decode(codec).replace("\r\n", "\n")
        except (LookupError, UnicodeDecodeError):
            pass  # the markup's charset is wrong or unknown: detect
    return decode(data, name)


def parse_tree(name: str, text: str):
    import lxml.html
    from lxml import etree

    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses a str with an encoding declaration
    if not text.strip():
        raise UserError(f"{name}: the file is empty")
    parser = lxml.html.HTMLParser(remove_comments=True, no_network=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise UserError(f"{name}: not a readable web page ({' '.join(str(exc).split())[:80] or type(exc).__name__})") from None
    if any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):  # libxml2 stops at 256 levels
        raise UserError(f"{name}: a web page nested more than 256 elements deep: not read (its text would be cut)")
    return root


def page_meta(root) -> dict[str, str]:
    """Title, publish date and address from the meta tags, else from <title> and the text."""
    r = rules()
    metas: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        if key and key not in metas and (el.get("content") or "").strip():
            metas[key] = el.get("content").strip()
    out: dict[str, str] = {}
    title = next((metas[k.lower()] for k in r["title_meta"] if metas.get(k.lower())), "")
    if not title:
        el = root.find(".//title")
        title = el.text_content().strip() if el is not None else ""
    title = r["title_suffix"].sub("", re.sub(r"\s+", " ", title)).strip()
    if CJK.search(title):
        out["title"] = title[:200]
    date = next((iso_date(metas[k.lower()]) for k in r["date_meta"] if iso_date(metas.get(k.lower(), ""))), None)
    if date is None:
        body = root.find("body")
        found = r["date_line"].search(body.text_content() if body is not None else "")
        date = iso_date("-".join(found.groups())) if found else None
    if date:
        out["published"] = date
    link = next((el.get("href") for el in root.iter("link") if (el.get("rel") or "").lower() == "canonical"), "")
    url = link or next((metas[k.lower()] for k in r["url_meta"] if metas.get(k.lower())), "")
    if re.match(r"^https?://[^\s<>\"']{1,500}$", url or ""):
        out["url"] = url
    return out


def iso_date(value: str) -> str | None:
    import datetime as dt

    m = re.search(r"(\d{4})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]\s*(\d{1,2})", value or "")
    if not m:
        return None
    try:
        return dt.date(*map(int, m.groups())).isoformat()
    except ValueError:
        return None


def drop_chrome(root) -> None:
    """Remove the elements that are never article text, and those named as chrome unless they
    hold most of the page's prose (a misnamed wrapper)."""
    r = rules()
    for el in list(root.iter(*r["drop_tags"])):
        if el.getparent() is not None:
            el.drop_tree()
    body = root.find("body")
    total = len(CJK.findall(body.text_content())) if body is not None else 0
    stack = list(root)
    while stack:  # top down, never into what was dropped
        el = stack.pop()
        if not isinstance(el.tag, str):
            continue
        names = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
        if (names and el.tag not in ("html", "body") and r["chrome_attr"].search(names)
                and len(CJK.findall(el.text_content())) < 0.3 * max(total, 1)):
            el.drop_tree()
            continue
        stack.extend(el)


def best_article(root):
    """The element whose paragraphs hold the most Chinese prose (a paragraph's count goes to its
    parent, half to the grandparent), or None when no part of the page is an article."""
    scores: dict = {}
    for el in root.iter("p", "div", "td", "li", "span", "font", "section", "article"):
        text = "".join(t for t in (el.text, *(c.tail for c in el)) if t)
        n = len(CJK.findall(text))
        if n < 10:
            continue
        parent = el.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + n
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + n / 2
    if not scores:
        return None
    best = max(scores, key=scores.get)
    size = len(CJK.findall(best.text_content()))
    if size < rules()["min_article_chars"]:
        return None
    # the article's title and byline sit just outside its paragraphs' box: take the parent
    # while it adds little beside them (chrome is gone already)
    parent = best.getparent()
    while parent is not None and parent.tag not in ("body", "html") and len(CJK.findall(parent.text_content())) <= 1.25 * size:
        best, parent = parent, parent.getparent()
    return best


@dataclass
class Walker:
    """Element tree -> blocks: block elements end a paragraph, <br> too; headings keep their
    level, tables their rows (a cell spanning columns or rows repeated in each it covers)."""

    out: list[Block] = field(default_factory=list)
    buf: list[str] = field(default_factory=list)

    def blocks(self, root) -> list[Block]:
        self.walk(root, 0)
        self.flush()
        return [b for b in self.out if b.text.strip() or b.rows]

    def flush(self, kind: str = "paragraph", level: int = 0) -> None:
        text = re.sub(r"[ \t\r\f\v]+", " ", "".join(self.buf)).strip()
        self.buf = []
        if text:
            self.out.append(Block(kind, text, level=level))

    def walk(self, el, depth: int) -> None:
        if depth > MAX_DEPTH:
            raise RecursionError("nested deeper than MAX_DEPTH")
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in HEADINGS:
            self.flush()
            self.buf.append(el.text_content())
            self.flush("heading", HEADINGS[tag])
        elif tag == "table" and not layout_table(el):
            self.flush()
            rows = table_rows(el)
            if rows:
                self.out.append(Block("table", "", rows=rows))
        elif tag == "br":
            self.flush()
        else:
            if tag in BLOCK_TAGS:
                self.flush()
            if el.text and tag:
                self.buf.append(el.text)
            for child in el:
                self.walk(child, depth + 1)
                if child.tail:
                    self.buf.append(child.tail)
            if tag in BLOCK_TAGS:
                self.flush()


LAYOUT_CELL_CHARS = 200  # a data table's cell is a name or a figure; a page laid out in a table has prose in its cells


def layout_table(table) -> bool:
    """A table used to lay the page out (old government sites put the whole article in one):
    a cell holds paragraphs, another table, or a run of prose."""
    for cell in table.iter("td", "th"):
        if any(True for _ in cell.iter("p", "div", "table", "h1", "h2", "h3", "ul")) and len(CJK.findall(cell.text_content())) > 40:
            return True
        if len(CJK.findall(cell.text_content())) > LAYOUT_CELL_CHARS:
            return True
    return False


def table_rows(table) -> list[list[str]]:
    """The table's rows on its grid: colspan and rowspan repeat a cell's text where it spans;
    a table nested in a cell gives its text to that cell."""
    grid: list[list[str]] = []
    carry: dict[int, tuple[str, int]] = {}  # column -> (text, rows still to fill)
    rows = [tr for tr in table.iter("tr") if tr.getparent() is not None and _owner(tr) is table]
    for tr in rows[:5000]:
        row: list[str] = []
        cells = [c for c in tr if c.tag in ("td", "th")]
        col = 0
        for cell in cells:
            while col in carry:
                row.append(carry[col][0])
                col = _use(carry, col)
            text = re.sub(r"\s+", " ", cell.text_content()).strip()
            span, down = _span(cell.get("colspan")), _span(cell.get("rowspan"))
            for _ in range(span):
                row.append(text)
                if down > 1:
                    carry[col] = (text, down - 1)
                col += 1
        while col in carry:
            row.append(carry[col][0])
            col = _use(carry, col)
        if any(row):
            grid.append(row)
    return grid


def _owner(tr):
    el = tr.getparent()
    while el is not None and el.tag != "table":
        el = el.getparent()
    return el


def _use(carry: dict, col: int) -> int:
    text, left = carry[col]
    if left <= 1:
        del carry[col]
    else:
        carry[col] = (text, left - 1)
    return col + 1


def _span(value: str | None) -> int:
    try:
        return min(max(int(value or 1), 1), 50)
    except ValueError:
        return 1
