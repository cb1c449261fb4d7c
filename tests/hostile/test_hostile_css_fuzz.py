"""Stylesheets under fuzz (hypothesis, issue 25): any CSS is checked in one line or passes, and a
stylesheet that passes lays out without a traceback (WeasyPrint's errors are one line too)."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from reporter.allowlist import AllowList
from reporter.errors import UserError
from reporter.writers.css import check_inline, check_stylesheet, css_urls

PROPS = ["width", "height", "margin", "padding", "font-size", "font", "line-height", "size", "margin-left",
         "border", "background", "--x", "column-count", "letter-spacing", "transform"]
UNITS = ["px", "pt", "mm", "cm", "in", "em", "rem", "%", "vw", "ex", "", "q", "pc"]
NUMBERS = st.one_of(st.integers(-10, 10**10), st.floats(-1e12, 1e12, allow_nan=False, allow_infinity=False),
                    st.sampled_from([0, 1e9, 1e-9, 999999, 0.0001]))


@st.composite
def values(draw, depth=0):
    kind = draw(st.sampled_from(["length", "keyword", "calc", "var", "url", "string"] if depth < 3 else ["length"]))
    if kind == "length":
        return f"{draw(NUMBERS):g}{draw(st.sampled_from(UNITS))}"
    if kind == "keyword":
        return draw(st.sampled_from(["auto", "A4", "A10", "a0", "letter landscape", "0 0", "inherit", "larger"]))
    if kind == "calc":
        op = draw(st.sampled_from(["+", "-", "*", "/"]))
        return f"{draw(st.sampled_from(['calc', 'min', 'max']))}({draw(values(depth + 1))} {op} {draw(values(depth + 1))})"
    if kind == "var":
        return "var(--x)"
    if kind == "url":
        return draw(st.sampled_from(["url(x.png)", r"u\72l(http://e.example/x)", "image-set('http://e.example/x' 1x)",
                                     "url(/etc/passwd)"]))
    return '"' + draw(st.text(max_size=10)).replace('"', "") + '"'


@st.composite
def stylesheets(draw):
    rules = []
    for _ in range(draw(st.integers(0, 6))):
        decls = "; ".join(f"{draw(st.sampled_from(PROPS))}: {draw(values())}" for _ in range(draw(st.integers(1, 4))))
        wrapper = draw(st.sampled_from(["p { %s }", "@page { %s }", "@media print { p { %s } }", "@page :first { %s }",
                                        "@import 'nope.css'; p { %s }"]))
        rules.append(wrapper % decls)
    noise = draw(st.text(alphabet="{}();:@'\"\\/*<> \nabc0123", max_size=40))
    return "\n".join(rules) + draw(st.sampled_from(["", noise]))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stylesheets())
@example('p { width: calc(auto + "\\") }\np { width: 209in }')  # a string's line break reached the message
def test_any_stylesheet_is_checked_or_refused_in_one_line(tmp_path_factory, css):
    folder = tmp_path_factory.mktemp("css")
    for check in (lambda: check_stylesheet(css, "print.css", folder), lambda: css_urls(css),
                  lambda: check_inline(css.replace("{", "").replace("}", ""))):
        try:
            check()
        except UserError as exc:
            assert "\n" not in str(exc)


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stylesheets())
def test_a_stylesheet_that_passes_lays_out_or_fails_in_one_line(tmp_path_factory, css):
    from reporter.writers.pdf import layout

    folder = tmp_path_factory.mktemp("lay")
    path = folder / "print.css"
    path.write_text(css, "utf-8")
    try:
        check_stylesheet(css, "print.css", folder)
    except UserError:
        return
    try:
        pdf = layout("<html lang='zh-CN'><body><h1>标题</h1><p>正文 <span>text</span></p></body></html>", path,
                     AllowList([Path(folder)]))
    except UserError as exc:
        assert "\n" not in str(exc)
    else:
        assert pdf.startswith(b"%PDF")
