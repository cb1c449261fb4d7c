"""Hostile templates and styles, unlucky operators: one clear line, exit 1, old outputs intact."""
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reporter.cli import main

ROOT = Path(__file__).resolve().parents[2]
SECRET = "root:x:0:0"

ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../../../etc/passwd' %}",
    "{{ cycler|attr('__init__')|attr('__globals__') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self._TemplateReference__context }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ request.application.__globals__ }}",
    "{{ config.items() }}",
    "{% for i in range(10**9) %}x{% endfor %}",
    "{% macro r() %}{{ r() }}{% endmacro %}{{ r() }}",
    "{{ notes.__init__.__globals__ }}",
    "{{ chart.pngs.clear() }}",
    "{{ t.__self__.entries }}",
]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("payload", ESCAPES)
def test_sandbox_escapes_are_refused(payload, tmp_path, capsys):
    user, out = tmp_path / "t", tmp_path / "out"
    user.mkdir()
    (user / "sample.md.j2").write_text("{% block body %}" + payload + "{% endblock %}", "utf-8")
    code, _, err = run(capsys, "render", "sample", "--templates", str(user), "--out", str(out), "--format", "html,md")
    assert code == 1, err
    assert len(err.strip().splitlines()) == 1 and "internal error" not in err
    assert not out.exists() or not any(p.is_file() for p in out.rglob("*"))


@pytest.mark.parametrize("source", ["{% extends '../../../../etc/passwd' %}", "{% include '../../pyproject.toml' %}",
                                    "{% import '/etc/passwd' as x %}{{ x }}"])
def test_templates_load_by_name_only(source, tmp_path, capsys):
    user, out = tmp_path / "t", tmp_path / "out"
    user.mkdir()
    (user / "sample.md.j2").write_text(source, "utf-8")
    code, _, err = run(capsys, "render", "sample", "--templates", str(user), "--out", str(out), "--format", "html")
    assert code == 1 and "template not found" in err


def test_a_symlink_out_of_the_templates_folder_is_not_followed(tmp_path, capsys):
    user, out = tmp_path / "t", tmp_path / "out"
    user.mkdir()
    (user / "sample.md.j2").symlink_to("/etc/passwd")
    code, _, err = run(capsys, "render", "sample", "--templates", str(user), "--out", str(out), "--format", "html")
    assert code == 1 and SECRET not in err
    assert not out.exists()


def test_output_folder_and_store_are_not_readable_by_templates(tmp_path, capsys):
    """--out used to be an allowed root: a template could embed the store or any output."""
    user, out = tmp_path / "t", tmp_path / "out"
    user.mkdir()
    out.mkdir()
    (out / "secret.txt").write_text(SECRET, "utf-8")
    (user / "sample.md.j2").write_text(f'{{% block body %}}![x](file://{out}/secret.txt){{% endblock %}}', "utf-8")
    code, _, err = run(capsys, "render", "sample", "--templates", str(user), "--out", str(out), "--format", "pdf")
    assert code == 1 and "refused" in err
    assert sorted(p.name for p in out.iterdir()) == ["secret.txt"]


def test_templates_copy_stays_inside_the_folder(tmp_path, capsys):
    target = tmp_path / "sub"
    code, _, err = run(capsys, "templates", "copy", "../pyproject.toml", str(target))
    assert code == 1 and "not a template name" in err
    assert not (tmp_path / "pyproject.toml").exists()
    target.mkdir()
    (target / "brief.md.j2").symlink_to(tmp_path / "dangling")
    code, _, err = run(capsys, "templates", "copy", "brief", str(target))
    assert code == 1 and not (tmp_path / "dangling").exists()


def test_a_huge_year_range_is_refused_at_once(tmp_path, capsys):
    code, _, err = run(capsys, "--store", str(tmp_path / "s.db"), "brief", "--years", "1000-9999", "--out", str(tmp_path))
    assert code == 1 and "more than 50" in err and "--force" in err


def test_out_that_is_a_file(tmp_path, capsys):
    target = tmp_path / "file"
    target.write_text("keep", "utf-8")
    code, _, err = run(capsys, "render", "sample", "--out", str(target), "--format", "html")
    assert code == 1 and "is a file" in err and target.read_text("utf-8") == "keep"


def project_copy(tmp_path: Path, css: str) -> Path:
    home = tmp_path / "home"
    shutil.copytree(ROOT / "templates", home / "templates")
    shutil.copytree(ROOT / "styles", home / "styles")
    (home / "styles" / "print.css").write_text(css, "utf-8")
    return home


@pytest.mark.parametrize("css", ["main { width: 1e9px }", "@page { size: 5mm 5mm }", "p { font-size: 1e9px }",
                                 "@page { margin: 300mm }"])
def test_absurd_print_css_is_refused_before_layout(css, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("REPORTER_HOME", str(project_copy(tmp_path, css)))
    start = time.monotonic()
    code, _, err = run(capsys, "render", "sample", "--out", str(tmp_path / "out"), "--format", "pdf")
    assert code == 1 and "print.css:1" in err
    assert time.monotonic() - start < 120  # a guard against a hang, not a speed figure


CONTROLS = "\x0b\x1b\x0c\x7f\x85\x00\x01\ufffe"


NOISY_PRODUCT = f"""import pandas as pd

from reporter.app.products import Built, Product

CONTROLS = {CONTROLS!r}


def build(req):
    text = f"增长{{CONTROLS}}8.1%"
    return Built({{"heading": text, "lines": [text]}}, f"标题{{CONTROLS}}", "noisy",
                 sheets={{f"表{{CONTROLS}}": pd.DataFrame({{"quote": [text], "value": [1.5]}})}})


PRODUCTS = (Product(name="noisy", description="control characters", build=build, template="noisy",
                    default_formats="html", data_formats=("xlsx",)),)
"""


@pytest.fixture()
def noisy_product(install_products):
    """A product whose data carries every control character a source can hold (an installed package's)."""
    install_products("noisy_products", NOISY_PRODUCT)


def test_control_characters_never_break_a_writer(noisy_product, tmp_path, capsys):
    user, out = tmp_path / "t", tmp_path / "out"
    user.mkdir()
    (user / "noisy.md.j2").write_text('{% extends "_base.md.j2" %}{% block body %}\n## {{ heading }}\n\n'
                                      '{% for l in lines %}- {{ l }}\n{% endfor %}{% endblock %}', "utf-8")
    code, _, err = run(capsys, "noisy", "--templates", str(user), "--out", str(out), "--format", "pdf,docx,html,md,xlsx")
    assert code == 0, err
    text = "\n".join(p.text for p in docx.Document(out / "noisy.docx").paragraphs)
    assert "增长8.1%" in text
    import pandas as pd

    sheet = pd.read_excel(out / "noisy.xlsx", sheet_name=None)
    assert list(sheet.values())[0]["quote"][0] == "增长8.1%"


def test_a_failed_write_leaves_every_old_output(tmp_path, capsys, monkeypatch):
    """Disk full on the second file: the first file is not replaced either."""
    out = tmp_path / "out"
    assert run(capsys, "render", "sample", "--out", str(out), "--format", "html,md")[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    from reporter.writers import files

    real, calls = files._fsync_write, []

    def full(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise OSError(28, "No space left on device", str(path))
        real(path, data)

    monkeypatch.setattr(files, "_fsync_write", full)
    (ROOT / "templates").joinpath("sample.md.j2")  # the same template: only the write fails
    code, _, err = run(capsys, "render", "sample", "--parts", "2", "--out", str(out), "--format", "html,md")
    assert code == 1 and "No space left" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def inodes(paths):
    return [p.stat().st_ino if p.exists() else None for p in paths]


def test_sigkill_during_brief_leaves_all_old_or_all_new(tmp_path, seeds):
    """20 kills at random moments of `brief --format pdf,docx,html`; after each, every output set is
    whole (all three files old or all three new once the next run has rolled forward)."""
    store, out = tmp_path / "s.db", tmp_path / "out"
    env = {**os.environ, "REPORTER_STORE": str(store)}
    cmd = [sys.executable, "-m", "reporter", "-q", "brief", "--years", "2021-2024", "--format", "pdf,docx,html",
           "--out", str(out)]
    assert subprocess.run(cmd, env=env).returncode == 0
    targets = [out / f"brief-西城区-2021-2024.{f}" for f in ("pdf", "docx", "html")]
    rng = random.Random(7)
    for _ in range(20):
        before = inodes(targets)
        proc = subprocess.Popen(cmd, env=env)
        time.sleep(rng.uniform(0.5, 4.5))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        from reporter.writers.files import recover

        recover(out)  # what the next run does first
        after = inodes(targets)
        changed = [a != b for a, b in zip(after, before)]
        assert all(changed) or not any(changed), changed
        assert all(p.exists() for p in targets)
        assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
    docx.Document(targets[1])  # still readable


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["{{", "}}", "{%", "%}", "block body", "endblock", "for x in", "endfor", "if", "endif",
                                 "macro m()", "endmacro", "m()", "__class__", "cycler", "range(99999)", "|attr('x')",
                                 "'a'*99999", "notes.cite('x')", "t('contents')", "title", "x", " ", "\n", "include",
                                 "extends", "'_base.md.j2'", "~", "|", "(", ")", "[", "]", "."]), max_size=25))
def test_fuzzed_templates_never_crash(tmp_path, capsys, parts):
    user = tmp_path / "fuzz"
    user.mkdir(exist_ok=True)
    (user / "sample.md.j2").write_text(" ".join(parts), "utf-8")
    code, _, err = run(capsys, "render", "sample", "--templates", str(user), "--out", str(tmp_path / "o"), "--format", "md")
    assert code in (0, 1)
    assert "internal error" not in err and "Traceback" not in err


def test_data_formats_survive_a_failed_pdf(tmp_path, seeds, capsys):
    """The appendix's xlsx is written first and on its own: a PDF that fails (here in the PDF
    process, on a page size no layout can use) loses neither it nor anything else."""
    styles = tmp_path / "styles"
    styles.mkdir()
    (styles / "print.css").write_text("@page { size: 5mm 5mm }\n", "utf-8")
    store, out = tmp_path / "s.db", tmp_path / "out"
    main(["-q", "--store", str(store), "ingest", str(seeds)])
    code, _, err = run(capsys, "--store", str(store), "appendix", "--years", "2021-2023", "--out", str(out),
                       "--format", "pdf,docx,xlsx", "--styles", str(styles))
    assert code == 1 and "print.css:1: @page size 5mm is smaller" in err, err
    assert sorted(p.name for p in out.iterdir()) == ["appendix-西城区-2021-2023.xlsx"]


def test_piping_into_head_is_not_an_error(tmp_path, seeds):
    """`reporter facts | head -1`: the reader leaving early is fine (no BrokenPipe traceback)."""
    cmd = f"{sys.executable} -m reporter facts --source {seeds}/*.txt | head -1"
    run_ = subprocess.run(["bash", "-o", "pipefail", "-c", cmd], capture_output=True, text=True, cwd=tmp_path)
    assert run_.returncode == 0, run_.stderr
    assert run_.stderr == "" and len(run_.stdout.splitlines()) == 1
