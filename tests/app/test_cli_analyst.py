"""The command line as the README promises it (issue 11): options anywhere, usage errors exit 2,
pipes closed early are fine, a copied layout is used as written, --styles works like --templates."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args, **kw):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "reporter", *args], capture_output=True, text=True, env=env,
                          cwd=kw.get("cwd", ROOT), input=kw.get("input"))


def test_global_options_before_or_after_the_subcommand(store):
    before = run("--store", str(store), "-q", "reports")
    after = run("reports", "--store", str(store), "-q")
    assert before.returncode == after.returncode == 0 and before.stdout == after.stdout and "plan_report" in after.stdout


def test_version_and_bare_command():
    assert run("--version").stdout.startswith("reporter ")
    bare = run()
    assert bare.returncode == 0 and "usage:" in bare.stdout and "brief" in bare.stdout


@pytest.mark.parametrize("args", [
    ["brief"],  # --years missing
    ["brief", "--years", "20x1"],
    ["brief", "--years", "2021-2024", "--format", "pdf,bogus"],
    ["appendix", "--years", "2021", "--format", "exe"],
    ["templates", "copy"],
    ["templates", "copy", "brief"],
    ["no-such-command"],
    ["facts", "--kind", "maybe"],
])
def test_every_usage_error_exits_2(args, store):
    result = run("--store", str(store), *args)
    assert result.returncode == 2, (args, result.stderr)
    assert "Traceback" not in result.stderr


def test_data_error_exits_1(store):
    result = run("--store", str(store), "brief", "--years", "2030-2031", "--format", "md", "--out", "/tmp/never-made")
    assert result.returncode == 1 and "no source covers" in result.stderr


def test_piping_into_head_is_not_an_error(store):
    cmd = (f"{sys.executable} -m reporter --store {store} facts --format csv | head -3; "
           "echo \"rc=${PIPESTATUS[0]}\"")
    result = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "rc=0" in result.stdout and "Traceback" not in result.stderr and "Error" not in result.stderr


def test_templates_list_shows_whole_descriptions():
    out = run("templates", "list").stdout
    line = next(ln for ln in out.splitlines() if ln.startswith("_layout.html.j2"))
    assert "Editors may restyle freely." in line  # the description's last sentence, from its second line


def test_a_copied_layout_is_used_as_written(store, tmp_path):
    folder = tmp_path / "mine"
    assert run("templates", "copy", "_layout.html.j2", str(folder)).returncode == 0
    layout = folder / "_layout.html.j2"
    layout.write_text(layout.read_text("utf-8").replace("<main>", "<main><p>OUR-OWN-LAYOUT</p>"), "utf-8")
    out = tmp_path / "o"
    result = run("--store", str(store), "brief", "--years", "2021-2024", "--format", "html", "--out", str(out),
                 "--templates", str(folder))
    assert result.returncode == 0, result.stderr
    assert "OUR-OWN-LAYOUT" in (out / "brief-西城区-2021-2024.html").read_text("utf-8")


def test_styles_folder_overrides_one_file(store, tmp_path):
    styles = tmp_path / "styles"
    styles.mkdir()
    (styles / "screen.css").write_text("body { color: #123456; } /* OUR-SCREEN-CSS */", "utf-8")
    out = tmp_path / "o"
    result = run("--store", str(store), "brief", "--years", "2021-2024", "--format", "html,docx", "--out", str(out),
                 "--styles", str(styles))
    assert result.returncode == 0, result.stderr
    assert "OUR-SCREEN-CSS" in (out / "brief-西城区-2021-2024.html").read_text("utf-8")
    assert (out / "brief-西城区-2021-2024.docx").stat().st_size > 10000  # reference.docx/docx.toml: the project's
    missing = run("--store", str(store), "brief", "--years", "2021-2024", "--format", "md", "--out", str(out),
                  "--styles", str(tmp_path / "nope"))
    assert missing.returncode == 1 and "--styles" in missing.stderr


def test_indicators_lists_ids_names_units():
    out = run("indicators").stdout
    assert "gdp" in out and "地区生产总值" in out and "亿元" in out
