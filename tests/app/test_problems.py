"""Template errors as an editor reads them: file, line, the lines around, a hint."""
from __future__ import annotations

from dataclasses import dataclass

import pytest

from reporter.render.environment import make_environment, render_template
from reporter.render.problems import TemplateProblem


@dataclass
class Row:
    label: str
    unit: str


def render(tmp_path, source: str, **context):
    (tmp_path / "t.md.j2").write_text(source, "utf-8")
    env = make_environment(tmp_path)
    with pytest.raises(TemplateProblem) as info:
        render_template(env, "t.md.j2", context)
    return info.value


def test_undefined_name_lists_nearest_names(tmp_path):
    p = render(tmp_path, "a\nb\n{{ gpd }}\nc\n", gdp=1, gdp_growth=2, year=2023)
    assert (p.file, p.line) == (str(tmp_path / "t.md.j2"), 3)
    assert p.hint.startswith("`gpd` is not defined here; did you mean `gdp`")
    assert "year" in p.hint
    assert [(s.number, s.bad) for s in p.excerpt] == [(1, False), (2, False), (3, True), (4, False)]
    assert str(p).startswith(f"{tmp_path / 't.md.j2'}:3: 'gpd' is undefined (") and "\n" not in str(p)


def test_missing_field_lists_the_record_fields(tmp_path):
    p = render(tmp_path, "{% for r in rows %}\n{{ r.lable }}\n{% endfor %}", rows=[Row("GDP", "亿元")])
    assert p.line == 2 and "did you mean `label`" in p.hint and "unit" in p.hint


def test_failing_filter_is_named(tmp_path):
    p = render(tmp_path, "x\n{{ 'not a date' | date_zh }}", )
    assert p.line == 2 and "date_zh" in p.hint


def test_syntax_error_has_a_hint(tmp_path):
    p = render(tmp_path, "{% if x %}\nopen\n")
    assert "template syntax error" in p.message and "not closed" in p.hint and p.excerpt


def test_unknown_filter_suggests_the_nearest(tmp_path):
    p = render(tmp_path, "x\n{{ 5 | numbr }}")
    assert p.line == 2 and "did you mean `number`" in p.hint


def test_unknown_macro_lists_the_macros_of_its_file(tmp_path):
    (tmp_path / "_m.md.j2").write_text("{% macro fig(x) %}{{ x }}{% endmacro %}", "utf-8")
    p = render(tmp_path, '{% import "_m.md.j2" as f %}\n{{ f.fgi(1) }}')
    assert p.line == 2 and "macro file has no `fgi`" in p.message and "did you mean `fig`" in p.hint


def test_an_error_from_a_called_function_gets_the_template_line(tmp_path):
    from reporter.i18n import messages

    p = render(tmp_path, "x\ny\n{{ t('nope') }}", t=messages("zh").t)
    assert p.line == 3 and "no message 'nope'" in p.message
