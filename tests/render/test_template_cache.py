"""Compiled templates are kept on disk between runs (as .pyc files are): a second process does
not compile again, an edited template is compiled again, and a damaged entry is ignored."""
import os
import subprocess
import sys
from pathlib import Path

from store_helpers import ROOT

PROBE = ("import sys, jinja2\n"
         "from pathlib import Path\n"
         "compiled = []\n"
         "real = jinja2.Environment.compile\n"
         "jinja2.Environment.compile = lambda self, *a, **k: compiled.append(1) or real(self, *a, **k)\n"
         "from reporter.render.environment import make_environment\n"
         "env = make_environment(Path(sys.argv[1]))\n"
         "print(env.get_template('t.md.j2').render(), len(compiled))\n")


def run(folder: Path, cache: Path) -> tuple[str, int]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "REPORTER_CACHE": str(cache)}
    out = subprocess.run([sys.executable, "-c", PROBE, str(folder)], env=env, capture_output=True, text=True,
                         check=True).stdout.split()
    return out[0], int(out[1])


def test_a_second_process_reads_the_compiled_template_and_an_edit_is_compiled_again(tmp_path):
    folder, cache = tmp_path / "t", tmp_path / "cache"
    folder.mkdir()
    (folder / "t.md.j2").write_text("{{ 1 + 1 }}", "utf-8")
    assert run(folder, cache) == ("2", 1)
    assert run(folder, cache) == ("2", 0)  # from the cache folder: nothing compiled
    (folder / "t.md.j2").write_text("{{ 2 + 2 }}", "utf-8")
    assert run(folder, cache) == ("4", 1)  # the source's checksum differs: compiled again


def test_a_damaged_cache_entry_is_compiled_again(tmp_path):
    folder, cache = tmp_path / "t", tmp_path / "cache"
    folder.mkdir()
    (folder / "t.md.j2").write_text("{{ 3 + 3 }}", "utf-8")
    run(folder, cache)
    entries = [p for p in cache.rglob("*") if p.is_file()]
    assert len(entries) == 1
    entries[0].write_bytes(b"not bytecode at all")
    assert run(folder, cache) == ("6", 1)


def test_an_unwritable_cache_folder_is_ignored(tmp_path):
    folder, blocker = tmp_path / "t", tmp_path / "file"
    folder.mkdir()
    blocker.write_text("x")
    (folder / "t.md.j2").write_text("{{ 5 }}", "utf-8")
    assert run(folder, blocker / "cache") == ("5", 1)
