"""The preview's own additions to a served page: the error panel, its style, the reload script.

They are put into the HTML the server sends, never into the HTML output files. The script
listens on /events (Server-Sent Events) and, on a new version, fetches the page and swaps its
head and body in place (the scroll position stays), so the editor never reloads by hand.
"""
from __future__ import annotations

import re
from html import escape

from reporter.render.layout import CSP, CSP_META
from reporter.render.problems import TemplateProblem


def preview_csp(nonce: str) -> str:
    """The header the preview server sends: the page's policy, plus its own reload script (by
    nonce), its /events and page fetches, and the print view's page images."""
    return CSP.replace("default-src 'none';", f"default-src 'none'; script-src 'nonce-{nonce}'; connect-src 'self';") \
        .replace("img-src data:;", "img-src 'self' data:;")

PANEL_CSS = """
#reporter-problem { position: sticky; top: 0; z-index: 1000; margin: 0 0 1em; padding: .8em 1em;
  background: #fff4f2; border: 2px solid #c0392b; border-radius: 4px; color: #222;
  font: 14px/1.45 system-ui, "Noto Sans CJK SC", sans-serif; max-height: 60vh; overflow: auto; }
#reporter-problem h2 { margin: 0 0 .3em; padding: 0; border: 0; font-size: 15px; color: #c0392b; }
#reporter-problem .where { font-family: ui-monospace, monospace; font-weight: bold; }
#reporter-problem .hint { margin: .4em 0; padding: .3em .6em; background: #fff; border-left: 3px solid #e67e22; }
#reporter-problem pre { margin: .4em 0 0; padding: .4em; background: #fff; font-size: 13px; overflow-x: auto; }
#reporter-problem pre span { display: block; white-space: pre; line-height: 1.5; }
#reporter-problem pre .bad { background: #fadbd8; font-weight: bold; }
#reporter-problem code { background: #f3f3f3; padding: 0 .2em; }
#reporter-notices { margin: 0 0 1em; padding: .4em 1em; background: #f4f6f8; border-left: 3px solid #7f8c8d;
  color: #444; font: 13px/1.4 system-ui, "Noto Sans CJK SC", sans-serif; }
#reporter-problem .stale { margin-top: .4em; color: #666; font-size: 12px; }
"""

SCRIPT = """
(function () {
  var version = %d;
  function sameShell(a, b) {
    if (a.nodeType !== 1 || b.nodeType !== 1 || a.tagName !== b.tagName) return false;
    if (a.attributes.length !== b.attributes.length) return false;
    for (var i = 0; i < a.attributes.length; i++) {
      if (b.getAttribute(a.attributes[i].name) !== a.attributes[i].value) return false;
    }
    return a.childNodes.length === b.childNodes.length;
  }
  function patch(old, next, depth) {  // replace only what changed: unchanged charts are not decoded again
    if (old.isEqualNode(next)) return;
    if (depth > 0 && sameShell(old, next)) {
      var a = Array.prototype.slice.call(old.childNodes), b = Array.prototype.slice.call(next.childNodes);
      for (var i = 0; i < a.length; i++) patch(a[i], b[i], depth - 1);
    } else {
      old.replaceWith(document.adoptNode(next));
    }
  }
  function swap(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    document.title = doc.title;
    if (document.head.innerHTML !== doc.head.innerHTML) {
      document.head.replaceWith(document.adoptNode(doc.head));
    }
    patch(document.body, doc.body, 4);
  }
  var source = new EventSource("/events");
  source.onmessage = function (event) {
    var next = parseInt(event.data, 10);
    if (!(next > version)) return;
    version = next;
    fetch(location.pathname + "?v=" + next, {cache: "no-store"})
      .then(function (r) { return r.text(); })
      .then(function (html) {
        if (location.pathname === "/print") { location.reload(); } else { swap(html); }
      });
  };
})();
"""


def panel(problem: TemplateProblem, has_render: bool) -> str:
    """The error panel: where, what, the hint, the lines around it with the bad one marked."""
    where = f"{problem.file}:{problem.line}" if problem.line else problem.file
    lines = "".join(
        f'<span class="{"bad" if s.bad else "ok"}" data-line="{s.number}">{"&gt;" if s.bad else " "} {s.number:>4} │ {escape(s.text)}</span>'
        for s in problem.excerpt)
    stale = ("Below: the last good render. Fix the file and save: this panel goes by itself." if has_render
             else "No good render yet. Fix the file and save: the page appears by itself.")
    return (f'<div id="reporter-problem" role="alert" data-file="{escape(problem.file)}" data-line="{problem.line or ""}">'
            f"<h2>Template problem</h2>"
            f'<div class="where">{escape(where)}</div>'
            f'<div class="message">{_code(problem.message)}</div>'
            + (f'<div class="hint">{_code(problem.hint)}</div>' if problem.hint else "")
            + (f"<pre>{lines}</pre>" if lines else "")
            + f'<div class="stale">{stale}</div></div>')


def _code(text: str) -> str:
    """Escaped text with `name` shown as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", escape(text))


def decorate(html: str | None, problem: TemplateProblem | None, version: int, has_render: bool | None = None,
             notices: list[str] = (), nonce: str = "") -> str:
    """The served page: the last good HTML with the panel (if any) and the product's notices on top,
    and the reload script (allowed by NONCE in the server's Content-Security-Policy header, which
    replaces the page's own policy: that one forbids every script)."""
    has_render = html is not None if has_render is None else has_render
    if html is None:
        html = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>reporter preview</title></head><body></body></html>'
    head_extra = f'<style id="reporter-preview-style">{PANEL_CSS}</style>'
    body_extra = panel(problem, has_render) if problem else ""
    if notices:
        body_extra += '<div id="reporter-notices">' + "".join(f"<div>{escape(n)}</div>" for n in notices) + "</div>"
    html = html.replace(CSP_META, "", 1)
    script = f'<script id="reporter-preview-script" nonce="{escape(nonce)}">{SCRIPT % version}</script>'
    at = html.find("</head>")
    html = html[:at] + head_extra + html[at:] if at >= 0 else head_extra + html
    html = _insert_after_open(html, "body", body_extra)
    at = html.rfind("</body>")
    return (html[:at] + script + html[at:]) if at >= 0 else html + script


def _insert_after_open(html: str, tag: str, extra: str) -> str:
    start = html.find(f"<{tag}")
    end = html.find(">", start) if start >= 0 else -1
    return html[:end + 1] + extra + html[end + 1:] if end >= 0 else extra + html


def print_page(title: str, pages: list[str], downloads: list[tuple[str, str]], problem: TemplateProblem | None,
               version: int, nonce: str = "") -> str:
    """The print view: every PDF page as an image, and links to the PDF and DOCX."""
    links = "".join(f' · <a href="{escape(href)}" download>{escape(label)}</a>' for label, href in downloads)
    imgs = "\n".join(f'<img class="page" alt="page {n}" src="{escape(src)}">' for n, src in enumerate(pages, 1))
    body = (f'<nav><a href="/">← live HTML</a>{links} · {len(pages)} page(s)</nav>'
            f'<div class="pages">{imgs}</div>')
    html = ('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
            f"<title>{escape(title)} (print)</title><style>"
            "body{background:#888;margin:0;font:14px system-ui,sans-serif} nav{background:#fff;padding:.6em 1em}"
            ".pages{display:flex;flex-direction:column;align-items:center;gap:12px;padding:12px}"
            ".page{background:#fff;box-shadow:0 1px 4px #0006;max-width:95vw}"
            f"</style></head><body>{body}</body></html>")
    return decorate(html, problem, version, has_render=bool(pages), nonce=nonce)
