"""Markdown -> one sanitised HTML tree: the Document every writer reads."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
import markdown
import hashlib

from reporter.render.charts import Charts
from reporter.render.fetcher import AllowListFetcher, RefusedFetch

EXTENSIONS = ["tables", "footnotes", "toc", "attr_list", "def_list", "md_in_html", "sane_lists"]
DROP_TAGS = {"script", "iframe", "object", "embed", "link", "meta", "base", "form", "input", "button",
             "textarea", "select", "style", "frame", "frameset", "applet"}
URL_ATTRS = ("src", "href", "xlink:href", "data", "poster", "srcset", "background")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


@dataclass
class Document:
    title: str
    body: lxml.html.HtmlElement
    lang: str = "zh-CN"
    charts: Charts = field(default_factory=Charts)
    meta: dict = field(default_factory=dict)

    def body_html(self) -> str:
        return "".join(lxml.html.tostring(child, encoding="unicode", method="html") for child in self.body)


def ascii_slug(value: str, separator: str) -> str:
    """Heading ids stay ASCII: serialisers percent-encode non-ASCII hrefs and TOC links break."""
    return "s-" + hashlib.sha1(value.encode("utf-8")).hexdigest()[:10]


def to_html(markdown_text: str) -> str:
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs={
        "toc": {"slugify": ascii_slug, "toc_depth": "2-3", "title": "目录"},
        "footnotes": {"BACKLINK_TEXT": "", "SUPERSCRIPT_TEXT": "{}"},
    })
    return md.convert(markdown_text)


def check_url(url: str, fetcher: AllowListFetcher, fetched: bool) -> None:
    """Links (href) may point anywhere; anything fetched must be data: or an allowed file."""
    url = url.strip()
    if not url or url.startswith(("#", "data:")):
        return
    if not fetched and re.match(r"^(https?|mailto):", url):
        return
    if re.match(r"^[a-z][a-z0-9+.-]*:", url, re.I) and not url.startswith("file:"):
        raise RefusedFetch(f"refused {url}: templates may not load anything from the network (nothing was written)")
    if url.startswith("file:") or url.startswith("/"):
        if fetcher.allowed_path(url) is None:
            raise RefusedFetch(f"refused {url}: outside templates/, styles/ and the output folder (nothing was written)")


def check_css(css: str, fetcher: AllowListFetcher, base: Path) -> None:
    for m in CSS_URL.finditer(css):
        url = m.group(1) or m.group(2)
        if not re.match(r"^[a-z][a-z0-9+.-]*:|^/", url, re.I):
            url = (base / url).resolve().as_uri()
        check_url(url, fetcher, fetched=True)


def sanitise(html: str, fetcher: AllowListFetcher) -> lxml.html.HtmlElement:
    """Drop active content (scripts, handlers, frames); refuse anything that would fetch."""
    root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    for el in list(root.iter()):
        if not isinstance(el.tag, str):
            continue
        if el.tag.lower() in DROP_TAGS:
            el.drop_tree()
            continue
        for attr in list(el.attrib):
            low = attr.lower()
            if low.startswith("on"):
                del el.attrib[attr]
            elif low in URL_ATTRS:
                value = el.attrib[attr]
                if value.strip().lower().startswith(("javascript:", "vbscript:")):
                    del el.attrib[attr]
                else:
                    check_url(value, fetcher, fetched=low != "href")
            elif low == "style":
                check_css(el.attrib[attr], fetcher, Path("."))
    return root


def build_document(markdown_text: str, title: str, fetcher: AllowListFetcher, charts: Charts, meta: dict) -> Document:
    return Document(title=title, body=sanitise(to_html(markdown_text), fetcher), charts=charts, meta=meta)
