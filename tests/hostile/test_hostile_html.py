"""Issue 25, break 7: no active content in the HTML output, whatever the layout, styles or body hold.
Real `reporter sample --format html` runs with hostile `--templates` and `--styles` folders."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

import reporter

CODE = Path(reporter.__file__).resolve().parent.parent
LAYOUT = (CODE / "templates" / "_layout.html.j2").read_text("utf-8")


def sample_html(tmp_path: Path, templates: dict[str, str] | None = None, screen_css: str | None = None):
    argv = ["-q", "sample", "--format", "html", "--out", str(tmp_path / "out")]
    if templates:
        (tmp_path / "t").mkdir(exist_ok=True)
        for name, text in templates.items():
            (tmp_path / "t" / name).write_text(text, "utf-8")
        argv += ["--templates", str(tmp_path / "t")]
    if screen_css is not None:
        (tmp_path / "s").mkdir(exist_ok=True)
        (tmp_path / "s" / "screen.css").write_text(screen_css, "utf-8")
        argv += ["--styles", str(tmp_path / "s")]
    env = {**os.environ, "PYTHONPATH": str(CODE), "REPORTER_STORE": str(tmp_path / "s.db")}
    done = subprocess.run([sys.executable, "-m", "reporter", *argv], capture_output=True, text=True, env=env,
                          timeout=300)
    page = tmp_path / "out" / "sample.html"
    return done, (page.read_text("utf-8") if done.returncode == 0 and page.exists() else None)


def active(html: str) -> list[str]:
    """Elements and attributes that run or fetch in a browser."""
    root = lxml.html.document_fromstring(html)
    found = [el.tag for el in root.iter() if isinstance(el.tag, str) and el.tag in
             ("script", "link", "iframe", "object", "embed", "base", "form")]
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        found += [f"{el.tag}@{a}" for a in el.attrib if a.lower().startswith("on")]
        src = el.get("src", "")
        if src and not src.startswith("data:"):
            found.append(f"{el.tag}@src={src}")
    return found


def test_an_overridden_layout_is_sanitised_like_the_body(tmp_path):
    layout = LAYOUT.replace("</head>", '<script>alert(1)</script><link rel="stylesheet" href="http://evil.example/x.css">'
                            '<meta http-equiv="refresh" content="0;url=http://evil.example/"></head>').replace(
        "<main>", '<main onclick="alert(2)"><iframe src="http://evil.example/"></iframe>')
    done, html = sample_html(tmp_path, {"_layout.html.j2": layout})
    assert done.returncode == 0, done.stderr
    assert active(html) == []
    assert "evil.example" not in html and "alert(" not in html


def test_an_external_image_in_the_layout_is_refused(tmp_path):
    layout = LAYOUT.replace("<main>", '<main><img src="http://evil.example/x.png">')
    done, _ = sample_html(tmp_path, {"_layout.html.j2": layout})
    assert done.returncode == 1 and len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert "evil.example" in done.stderr


def test_the_body_cannot_be_placed_in_an_attribute_to_break_out(tmp_path):
    layout = LAYOUT.replace("<main>", '<main title="{{ body }}">')
    done, html = sample_html(tmp_path, {"_layout.html.j2": layout})
    assert done.returncode == 0, done.stderr
    assert active(html) == []


def test_a_stylesheet_cannot_end_its_style_element(tmp_path):
    done, html = sample_html(tmp_path, screen_css="p { color: red }\n</style><script>alert(1)</script><style>")
    assert done.returncode == 0, done.stderr
    assert active(html) == [] and html.lower().count("</style") == 1


@pytest.mark.parametrize("markup", [
    r'<div style="background: u\72l(http://evil.example/x.png)">x</div>',
    "<div style=\"background-image: image-set('http://evil.example/x.png' 1x)\">x</div>",
    r'<img src="\\evil.example\x.png" alt="x">',
    '<img src="/\\evil.example/x.png" alt="x">',
])
def test_the_sanitiser_refuses_escaped_and_disguised_fetches(tmp_path, markup):
    body = '{% extends "default/sample.md.j2" %}{% block body %}\n' + markup + "\n{% endblock %}"
    done, _ = sample_html(tmp_path, {"sample.md.j2": body})
    assert done.returncode == 1, (done.stderr, markup)
    assert len(done.stderr.strip().splitlines()) == 1 and "evil.example" in done.stderr


def test_the_page_carries_a_policy_forbidding_scripts_and_remote_loads(tmp_path):
    done, html = sample_html(tmp_path)
    assert done.returncode == 0, done.stderr
    metas = lxml.html.document_fromstring(html).xpath('//meta[@http-equiv="Content-Security-Policy"]')
    assert len(metas) == 1
    policy = metas[0].get("content")
    assert "default-src 'none'" in policy and "script-src" not in policy and "http" not in policy
