"""Issue 25, break 2: every editor file a command reads goes through one resolver that refuses a
path or symlink leaving its allowed root; errors never echo a file that failed to parse."""
import shutil

import pytest

from reporter.cli import main

ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]
SECRET = "TOPSECRET-7f3a"


@pytest.fixture
def secrets(tmp_path):
    folder = tmp_path / "private"
    folder.mkdir()
    (folder / "flat.toml").write_text(f'token = "{SECRET}"\n', "utf-8")
    (folder / "x.css").write_text(f"body {{ color: red }} /* {SECRET} */\n", "utf-8")
    shutil.copy(ROOT / "styles" / "reference.docx", folder / "ref.docx")
    (folder / "terms.csv").write_text(f"{SECRET}:x:0:0\n", "utf-8")
    return folder


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out + err


def refused(code, text, out_dir):
    assert code == 1, text
    assert SECRET not in text
    assert "internal error" not in text
    assert not out_dir.exists() or not any(p.is_file() for p in out_dir.rglob("*")), list(out_dir.rglob("*"))
    outputs = "".join(p.read_text("utf-8", "replace") for p in out_dir.rglob("*") if p.is_file()) if out_dir.exists() else ""
    assert SECRET not in outputs


STYLE_LINKS = [("screen.css", "x.css", "html"), ("print.css", "x.css", "pdf"), ("docx.toml", "flat.toml", "docx"),
               ("reference.docx", "ref.docx", "docx")]


@pytest.mark.parametrize("name, target, fmt", STYLE_LINKS)
def test_a_style_file_linked_out_of_styles_is_refused(name, target, fmt, secrets, tmp_path, capsys):
    styles, out = tmp_path / "styles", tmp_path / "out"
    styles.mkdir()
    (styles / name).symlink_to(secrets / target)
    code, text = run(capsys, "render", "sample", "--styles", styles, "--out", out, "--format", fmt)
    refused(code, text, out)
    assert name in text and "outside" in text


@pytest.mark.parametrize("name", ["messages/zh.toml", "brief.toml"])
def test_a_templates_data_file_linked_out_is_refused(name, secrets, tmp_path, capsys):
    user, out = tmp_path / "t", tmp_path / "out"
    (user / "messages").mkdir(parents=True)
    (user / name).symlink_to(secrets / "flat.toml")
    if name == "brief.toml":
        store = tmp_path / "s.db"
        assert main(["-q", "--store", str(store), "ingest", str(sorted((ROOT / "seeds").glob("*.txt"))[0])]) == 0
        code, text = run(capsys, "--store", store, "brief", "--years", "2021-2024", "--templates", user, "--out", out,
                         "--format", "md")
    else:
        code, text = run(capsys, "render", "sample", "--templates", user, "--out", out, "--format", "md")
    refused(code, text, out)
    assert "outside" in text


def test_an_import_of_an_outside_stylesheet_is_refused(secrets, tmp_path, capsys):
    styles, out = tmp_path / "styles", tmp_path / "out"
    styles.mkdir()
    (styles / "print.css").write_text('@import "../private/x.css";\n', "utf-8")
    code, text = run(capsys, "render", "sample", "--styles", styles, "--out", out, "--format", "pdf")
    refused(code, text, out)


@pytest.mark.parametrize("target", ["link.css", "secret", "http://evil.example/x.css", "//evil.example/x.css"])
def test_a_stylesheet_imports_only_files_beside_it(secrets, tmp_path, capsys, target):
    """writers/css.py resolves @import (the one resolver of stylesheet imports): a symlink out of
    the folder, an absolute path or a network address is refused in one line, nothing written."""
    styles, out = tmp_path / "styles", tmp_path / "out"
    styles.mkdir()
    (styles / "link.css").symlink_to(secrets / "x.css")
    target = str(secrets / "x.css") if target == "secret" else target
    (styles / "print.css").write_text(f'@import "{target}";\n', "utf-8")
    code, text = run(capsys, "render", "sample", "--styles", styles, "--out", out, "--format", "pdf")
    refused(code, text, out)


def test_the_termbase_error_does_not_print_the_files_first_line(secrets, tmp_path, capsys):
    code, text = run(capsys, "terms", "check", "--termbase", secrets / "terms.csv")
    assert code == 1 and SECRET not in text, text
    code, text = run(capsys, "terms", "check", "--termbase", "/etc/passwd")
    assert code == 1 and "root:" not in text, text


@pytest.mark.parametrize("option", ["--registry", "--corrections"])
def test_a_project_file_given_as_a_link_out_of_its_folder_is_refused(option, secrets, tmp_path, capsys):
    link = tmp_path / "here" / "file.toml"
    link.parent.mkdir()
    link.symlink_to(secrets / "flat.toml")
    store = tmp_path / "s.db"
    code, text = run(capsys, option, link, "--store", store, "appendix", "--years", "2021-2022", "--out", tmp_path / "o",
                     "--format", "md")
    refused(code, text, tmp_path / "o")
    assert "outside" in text


@pytest.mark.parametrize("option", ["--registry", "--corrections"])
def test_a_data_file_that_is_not_one_is_named_without_its_contents(option, secrets, tmp_path, capsys):
    code, text = run(capsys, option, secrets / "flat.toml", "--store", tmp_path / "s.db", "appendix", "--years",
                     "2021-2022", "--out", tmp_path / "o", "--format", "md")
    refused(code, text, tmp_path / "o")


def test_the_project_file_linked_out_is_refused(secrets, tmp_path, capsys, monkeypatch):
    (tmp_path / "reporter.toml").symlink_to(secrets / "flat.toml")
    monkeypatch.chdir(tmp_path)
    code, text = run(capsys, "--store", tmp_path / "s.db", "appendix", "--years", "2021-2022", "--out", tmp_path / "o",
                     "--format", "md")
    refused(code, text, tmp_path / "o")


def test_files_inside_their_folder_still_work(tmp_path, capsys):
    styles, user, out = tmp_path / "styles", tmp_path / "t", tmp_path / "out"
    (styles / "sub").mkdir(parents=True)
    (user / "messages").mkdir(parents=True)
    (styles / "sub" / "screen.css").write_text("body { color: #123456 }\n", "utf-8")
    (styles / "screen.css").symlink_to(styles / "sub" / "screen.css")  # a link inside the folder is fine
    (user / "messages" / "zh.toml").write_text('sample_title = "样例 {x}"\n', "utf-8")
    code, text = run(capsys, "render", "sample", "--styles", styles, "--templates", user, "--out", out, "--format", "html")
    assert code == 0, text
    assert "#123456" in (out / "sample.html").read_text("utf-8")
