"""The HTML shell around a Document (templates/_layout.html.j2), for the HTML and PDF writers.

The layout is an editor's template like any other, so its own markup is sanitised like the body:
no script, no link, no frame, no remote image, no event handler, no <style> but the one holding
the stylesheet; the stylesheet is escaped so `</style>` in it cannot end the element; and a
Content-Security-Policy in the page forbids scripts and every remote load (the preview server
sends the same policy as a header).
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

import jinja2
import lxml.html
from markupsafe import Markup

from reporter.allowlist import AllowList, check_css, check_url
from reporter.document import Document

# data: images (charts) and inline styles only; no script, no connection, no frame, no form, no base
CSP = ("default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
SHELL_DROP = {"script", "iframe", "object", "embed", "link", "base", "form", "input", "button", "textarea",
              "select", "frame", "frameset", "applet", "svg", "math", "template", "noscript", "audio", "video",
              "source", "track", "picture", "portal", "canvas", "dialog"}
SHELL_ATTRIBUTES = {"id", "class", "lang", "dir", "title", "alt", "src", "href", "style", "charset", "name", "content",
                    "role", "colspan", "rowspan", "align"}
URL_ATTRIBUTES = ("src", "href")


def css_in_style(css: str) -> str:
    """CSS as the text of a <style> element: `</` written `<\\/` (the same to CSS, where `\\/`
    is '/'), so `</style><script>` in a stylesheet cannot end the element."""
    return css.replace("</", "<\\/").replace("<!--", "<\\!--")


def sanitise_shell(html: str, allow: AllowList, style_tokens: tuple[str, ...], body_token: str = "") -> str:
    """The layout's output kept to a static page: see the module docstring. Raises RefusedFetch
    for a URL that would fetch (like the body), drops active elements and attributes."""
    from reporter.writers.css import check_fetches, check_inline, check_stylesheet, fetch_form

    root = lxml.html.document_fromstring(html)
    for el in list(root.iter()):
        if el is root or el.getparent() is None and el is not root:
            continue
        if not isinstance(el.tag, str):
            el.drop_tree()
            continue
        tag = el.tag.lower()
        if tag in SHELL_DROP or (tag == "style" and not any(t in (el.text or "") for t in style_tokens)) \
                or (tag == "meta" and (el.get("http-equiv") is not None or el.get("content", "").lower().startswith("data:"))):
            el.drop_tree()
            continue
        if tag == "style":  # one of ours (the stylesheet, the page counter): what the layout adds is checked
            own = el.text or ""
            for t in style_tokens:
                own = own.replace(t, "none")
            check_fetches(own, allow, Path("."))
            check_stylesheet(own, "_layout.html.j2 <style>")
        for attr in list(el.attrib):
            low = attr.lower()
            if low not in SHELL_ATTRIBUTES or any(t and t in el.attrib[attr] for t in (*style_tokens, body_token)):
                # the body or stylesheet placed in an attribute would break out of it
                del el.attrib[attr]
            elif low in URL_ATTRIBUTES:
                value = el.attrib[attr]
                if value.strip().lower().startswith(("javascript:", "vbscript:")):
                    del el.attrib[attr]
                else:
                    check_url(fetch_form(value) if low != "href" else value, allow, fetched=low != "href")
            elif low == "style":
                check_css(el.attrib[attr], allow, Path("."))
                check_fetches(el.attrib[attr], allow, Path("."))
                check_inline(el.attrib[attr], "_layout.html.j2 style attribute")
    head = root.find("head")
    if head is not None:
        head.insert(0, lxml.html.fragment_fromstring(CSP_META))
        charset = head.find("meta[@charset]")
        if charset is not None:  # the charset first, as HTML wants it in the first 1024 bytes
            head.remove(charset)
            head.insert(0, charset)
    return lxml.html.tostring(root, doctype="<!DOCTYPE html>", encoding="unicode", method="html")


@dataclass
class Layout:
    env: jinja2.Environment
    allow: AllowList | None = None

    def page(self, doc: Document, mode: str, inline_css: str = "") -> str:
        from reporter.render.environment import render_template

        token = secrets.token_hex(8)
        body_token, css_token, page_token = (f"reporter-{part}-{token}" for part in ("body", "css", "page"))
        shell = render_template(self.env, "_layout.html.j2", {
            "title": doc.title, "lang": doc.lang, "body": Markup(body_token), "mode": mode,
            "inline_css": Markup(css_token) if inline_css else Markup(""), "page_css": Markup(page_token)})
        clean = sanitise_shell(shell, self.allow or AllowList([]), (css_token, page_token), body_token)
        page_css = page_counter_css(self.env.globals.get("page_of", ""))
        return (clean.replace(css_token, css_in_style(inline_css), 1).replace(page_token, css_in_style(page_css), 1)
                .replace(body_token, doc.body_html(), 1))


def page_counter_css(text: str) -> str:
    """The catalogue's 'Page {page} of {pages}' as a CSS content value: strings and counters, so the
    PDF's page footer is in the product's language. Every character outside the counters is a CSS
    escape-safe string (no quote, backslash, angle bracket or line break gets through)."""
    import re

    pieces = []
    for piece in re.split(r"(\{page\}|\{pages\})", text):
        if piece == "{page}":
            pieces.append("counter(page)")
        elif piece == "{pages}":
            pieces.append("counter(pages)")
        elif piece:
            safe = "".join(ch if ch.isalnum() or ch in " /.,:-()" else f"\\{ord(ch):x} " for ch in piece)
            pieces.append(f'"{safe}"')
    return " ".join(pieces) or "none"
