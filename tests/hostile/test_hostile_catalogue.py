"""Issue 25, break 1: an editor's catalogue is data, never a format string run on objects."""
import os

import pytest

from reporter.cli import main
from reporter.errors import UserError
from reporter.i18n import Messages

BAD = [
    "{x.__func__.__globals__[Path].__new__.__globals__[os].environ[HOME]}",
    "{x:>400000000}",
    "{x!r}",
    "{x[0]}",
    "{x.a}",
    "{}",
    "{0}",
    "{x:{y}}",
    "{x",
    "x}",
    "{x!s:>5}",
    "{ x }",
]


def render(tmp_path, capsys, catalogue: str, call: str = "{{ t('leak1', x=t) }}"):
    user, out = tmp_path / "t", tmp_path / "out"
    (user / "messages").mkdir(parents=True)
    (user / "messages" / "zh.toml").write_text(catalogue, "utf-8")
    (user / "sample.md.j2").write_text("{% block body %}" + call + "{% endblock %}", "utf-8")
    code = main(["render", "sample", "--templates", str(user), "--out", str(out), "--format", "md"])
    _, err = capsys.readouterr()
    return code, err, out


@pytest.mark.parametrize("text", BAD)
def test_a_catalogue_with_a_bad_placeholder_is_refused_on_load(text, tmp_path, capsys):
    quoted = text.replace("\\", "\\\\").replace('"', '\\"')
    code, err, out = render(tmp_path, capsys, f'leak1 = "{quoted}"\n')
    assert code == 1, err
    assert len(err.strip().splitlines()) == 1 and "internal error" not in err
    assert "zh.toml" in err and "leak1" in err
    assert os.environ.get("HOME", "/root") not in err
    assert not out.exists() or not any(out.rglob("*.md"))


@pytest.mark.parametrize("payload", ["{x.__func__.__globals__[Path].__new__.__globals__[os].environ[HOME]}",
                                     "{x.__globals__}", "{x.__closure__}", "{x.__self__.entries}"])
def test_the_environment_leak_of_issue_25_prints_nothing(payload, tmp_path, capsys):
    code, err, out = render(tmp_path, capsys, f'leak1 = "{payload}"\n')
    written = "".join(p.read_text("utf-8") for p in out.rglob("*.md")) if out.exists() else ""
    assert os.environ["HOME"] not in written
    assert "function" not in written and "cell at" not in written
    assert code == 1


def test_names_still_fill_and_values_are_formatted_here(tmp_path, capsys):
    code, err, out = render(tmp_path, capsys, 'hello = "第{year}年 {n} {d}"\n', "{{ t('hello', year=2024, n='a', d=1234.5) }}")
    assert code == 0, err
    assert "第2024年 a 1,234.5" in (out / "sample.md").read_text("utf-8")


def test_an_object_as_a_value_is_refused():
    m = Messages("zh", {"k": "{x}"})
    with pytest.raises(UserError):
        m.t("k", x=m.t)
    with pytest.raises(UserError):
        m.t("k", y=1)  # no value for {x}
    assert m.t("k", x="{x.__class__}") == "{x.__class__}"  # a value is never formatted again


@pytest.mark.parametrize("text", BAD)
def test_compile_text_refuses(text):
    from reporter.i18n import compile_text

    with pytest.raises(ValueError):
        compile_text(text)
