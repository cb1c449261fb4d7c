"""Issue 25, break 10: internal errors become one line, exit 1 (2 for usage)."""
import shutil

import pytest

from reporter.cli import main

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
SEED = sorted((ROOT / "seeds").glob("*.txt"))[1]


def run(capsys, *argv):
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse: usage errors
        code = exc.code
    _, err = capsys.readouterr()
    return code, err


def one_line(code, err, expected=1):
    return code == expected and len(err.strip().splitlines()) == 1 and "internal error" not in err


@pytest.mark.parametrize("quarter", ["9999Q4", "0000Q1"])
def test_a_quarter_out_of_range_is_a_usage_error_naming_it(quarter, tmp_path, capsys):
    code, err = run(capsys, "--store", tmp_path / "s.db", "digest", "--quarter", quarter, "--out", tmp_path / "o")
    assert code == 2 and "internal error" not in err, err
    assert f"'{quarter}'" in err  # as the user wrote it, not '0Q1'
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").rglob("*.pdf"))


@pytest.mark.parametrize("nested", ["[" * 5000 + '"x"' + "]" * 5000, "{a=" * 5000 + '"x"' + "}" * 5000])
def test_a_sidecar_title_nested_5000_deep(nested, tmp_path, capsys):
    src = tmp_path / "a.txt"
    shutil.copy(SEED, src)
    (tmp_path / "a.txt.meta.toml").write_text(f"title = {nested}\n", "utf-8")
    code, err = run(capsys, "--store", tmp_path / "s.db", "ingest", src)
    assert one_line(code, err), err
    assert "a.txt.meta.toml" in err


def test_an_editor_data_file_nested_5000_deep(tmp_path, capsys):
    registry = tmp_path / "reg.toml"
    registry.write_text("x = " + "[" * 5000 + "1" + "]" * 5000 + "\n", "utf-8")
    code, err = run(capsys, "indicators", "--registry", registry)
    assert one_line(code, err), err


BODIES = {
    "3000 nested divs": "\n\n" + "<div>" * 3000 + "x" + "</div>" * 3000 + "\n",
    "3000 nested divs, one a line": "\n\n" + "<div>\n" * 3000 + "x\n" + "</div>\n" * 3000,
    "500 nested list levels": "\n" + "".join("    " * i + f"- item {i}\n" for i in range(500)),
    "500 nested ordered lists": "\n" + "".join("    " * i + f"1. item {i}\n" for i in range(500)),
    "3000 emphasis marks": "\n\n" + "*" * 3000 + "x" + "*" * 3000 + "\n",
}


@pytest.mark.parametrize("name", BODIES)
def test_deeply_nested_template_output_is_one_line(name, tmp_path, capsys):
    user, out = tmp_path / "t", tmp_path / "out"
    user.mkdir()
    (user / "sample.md.j2").write_text("{% block body %}" + BODIES[name] + "{% endblock %}", "utf-8")
    code, err = run(capsys, "render", "sample", "--templates", user, "--out", out, "--format", "md,html,docx")
    assert one_line(code, err), err
    assert not out.exists() or not any(p.is_file() for p in out.rglob("*"))


def test_ordinary_nesting_still_renders(tmp_path, capsys):
    user, out = tmp_path / "t", tmp_path / "out"
    user.mkdir()
    body = "\n\n" + "<div>" * 40 + "x" + "</div>" * 40 + "\n\n" + "".join("    " * i + "- item\n" for i in range(8))
    (user / "sample.md.j2").write_text("{% block body %}" + body + "{% endblock %}", "utf-8")
    code, err = run(capsys, "render", "sample", "--templates", user, "--out", out, "--format", "md,html,docx")
    assert code == 0, err
