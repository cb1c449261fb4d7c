"""One Settings object per run (reporter/settings.py, made by reporter/app/config.py): what it
carries reaches parse, compose and render without module globals, and a new object is all a
rebuild needs."""
from __future__ import annotations

import ast
import threading
from pathlib import Path

from reporter.settings import Limits, Settings, current

ROOT = Path(__file__).resolve().parents[2]
TEXT = "南岭区2033年国民经济和社会发展统计公报\n\n全区新增家庭养老照护床位1200张，增长5.0%。\n"


def overlay(path: Path, aliases: str = '"养老照护床位"') -> Path:
    path.write_text('[[indicator]]\nid = "my_beds"\nzh = "家庭养老照护床位"\nunit = "张"\ndimension = "livelihood"\n'
                    f'aliases = [{aliases}]\n', "utf-8")
    return path


def test_two_settings_in_one_process_name_indicators_each_by_its_own_overlay(tmp_path):
    from reporter.parse import parse_text
    from reporter.registry import registry

    plain, mine = Settings(), Settings(registry=overlay(tmp_path / "mine.toml"))
    assert registry(plain).lookup("家庭养老照护床位") is None and registry(mine).lookup("家庭养老照护床位") == "my_beds"
    named = {}
    for settings in (mine, plain, mine):  # in turn, in one process: neither leaks into the other
        with settings.active():
            named.setdefault(settings.registry, []).append(
                [f.indicator for f in parse_text(TEXT, Path("x.txt")).facts if f.value == 1200])
    assert named[None] == [[None]] and named[mine.registry] == [["my_beds"], ["my_beds"]]
    assert current().registry is None  # nothing stays in force after the block


def test_settings_are_per_thread(tmp_path):
    """The preview renders on a watcher thread while the server answers on others: each thread sees
    the settings its own code entered."""
    from reporter.registry import registry

    mine = Settings(registry=overlay(tmp_path / "mine.toml"))
    seen: dict[str, str | None] = {}
    inside, release = threading.Event(), threading.Event()

    def with_overlay():
        with mine.active():
            inside.set()
            release.wait(10)
            seen["overlay thread"] = registry().lookup("家庭养老照护床位")

    worker = threading.Thread(target=with_overlay)
    worker.start()
    inside.wait(10)
    seen["main thread"] = registry().lookup("家庭养老照护床位")
    release.set()
    worker.join(10)
    assert seen == {"overlay thread": "my_beds", "main thread": None}


def test_an_edited_overlay_is_read_again_under_new_settings_only(tmp_path):
    """Caches are keyed by the overlay's path and content: the old object keeps its answer, a new one
    made after the edit sees the edit (nothing cleared)."""
    from reporter.app.config import renewed
    from reporter.registry import registry

    path = overlay(tmp_path / "mine.toml")
    before = Settings(registry=path)
    assert registry(before).lookup("床位总数") is None
    overlay(path, '"养老照护床位", "床位总数"')
    after = renewed(before)
    assert after != before and registry(after).lookup("床位总数") == "my_beds"
    assert registry(before).lookup("床位总数") is None


def test_limits_come_from_the_settings_in_force(monkeypatch):
    from reporter import limits

    monkeypatch.setenv("REPORTER_TIME_LIMIT", "7")
    made = Settings()  # read from the environment when made, not at each use
    monkeypatch.setenv("REPORTER_TIME_LIMIT", "9")
    with made.active():
        assert limits.time_seconds() == 7
    with Settings(limits=Limits(time_seconds=3, memory_mb=100, cpu_seconds=5)).active():
        assert (limits.time_seconds(), limits.memory_bytes(), limits.cpu_seconds()) == (3, 100 * 2**20, 5)


def test_the_command_line_makes_one_settings_from_project_file_and_options(tmp_path, monkeypatch):
    """Options over reporter.toml over the defaults, every path resolved once."""
    from reporter.app.config import Given, make_settings

    (tmp_path / "reporter.toml").write_text('store = "data/r.db"\nout = "made"\nregistry = "mine.toml"\n', "utf-8")
    overlay(tmp_path / "mine.toml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("REPORTER_STORE", str(tmp_path / "env.db"))
    settings = make_settings(folder=tmp_path)
    assert settings.store == tmp_path / "data" / "r.db" and settings.out == tmp_path / "made"
    assert settings.registry == (tmp_path / "mine.toml").resolve() and settings.project == tmp_path / "reporter.toml"
    given = make_settings(Given(store=tmp_path / "given.db", lang="en"), folder=tmp_path)
    assert given.store == tmp_path / "given.db" and given.lang == "en" and given.registry == settings.registry
    (tmp_path / "reporter.toml").unlink()
    assert make_settings(folder=tmp_path).store == tmp_path / "env.db"


def test_no_module_keeps_mutable_state():
    """No `global` rebinding and no container created empty at module level to be filled later
    (a product table, a registry by id, the arguments being parsed, an overlay in force)."""
    found = []
    for path in sorted((ROOT / "reporter").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Global):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: global {', '.join(node.names)}")
        for node in tree.body:
            value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
            empty = (isinstance(value, (ast.Dict, ast.List, ast.Set)) and not getattr(value, "keys", getattr(value, "elts", None))
                     or isinstance(value, ast.List) and all(isinstance(e, ast.Constant) and e.value is None for e in value.elts)
                     or isinstance(value, ast.Call) and getattr(value.func, "id", "") in ("dict", "list", "set") and not value.args)
            if empty:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
    assert not found, found


def test_the_preview_picks_up_an_edited_overlay_through_new_settings(tmp_path):
    """An overlay naming a figure the parser left unnamed: the preview's next build uses the edit."""
    from reporter.app.ingest import IngestOptions, ingest
    from reporter.app.preview import Previewer, PreviewOptions, watch_plan

    source = tmp_path / "src" / "own.txt"
    source.parent.mkdir()
    source.write_text(TEXT, "utf-8")
    store = tmp_path / "store.db"
    ingest(IngestOptions(Settings(store=store), paths=[str(source.parent)]))
    path = tmp_path / "mine.toml"
    path.write_text('[[indicator]]\nid = "my_parks"\nzh = "口袋公园"\nunit = "个"\ndimension = "livelihood"\n',
                    "utf-8")  # names nothing in the text
    out = tmp_path / "out"
    out.mkdir()
    p = Previewer(PreviewOptions(product="appendix", settings=Settings(store=store, registry=path),
                                 options={"years": "2033-2033"}), out)
    p.refresh("context")
    assert p.problem is None and "my_beds" not in repr(p.built.context)
    first = p.settings
    assert watch_plan(p).level(path) == "context"
    overlay(path)
    p.refresh(watch_plan(p).level(path))
    assert p.problem is None, p.problem
    assert p.settings is not first and p.settings.registry_digest != first.registry_digest
    assert "my_beds" in repr(p.built.context) and "家庭养老照护床位" in p.html


def test_an_areas_file_in_the_project_replaces_the_package_areas(tmp_path, monkeypatch, capsys):
    """`areas_file` in reporter.toml: the run's areas come from it (a made-up place, its alias and
    parent), other settings in the same process keep the package's; a bad file is one line, exit 1."""
    from reporter.app.config import make_settings
    from reporter.areas import areas
    from reporter.cli import main

    (tmp_path / "my-areas.toml").write_text(
        '[[area]]\nname = "中国"\nlevel = "nation"\n\n[[area]]\nname = "示例市"\nlevel = "city"\nparent = "中国"\n\n'
        '[[area]]\nname = "示例市南岭区"\nlevel = "district"\nparent = "示例市"\naliases = ["南岭区"]\nen = "Nanling"\n',
        "utf-8")
    (tmp_path / "reporter.toml").write_text('areas_file = "my-areas.toml"\n', "utf-8")
    settings = make_settings(folder=tmp_path)
    assert settings.areas == (tmp_path / "my-areas.toml").resolve()
    with settings.active():
        assert areas().canonical("南岭区") == "示例市南岭区" and areas().ancestor_at("南岭区", "city").name == "示例市"
    assert areas().canonical("南岭区") != "示例市南岭区"  # outside: the package's file, which has no such alias
    (tmp_path / "my-areas.toml").write_text('[[area]]\nname = "中国"\nlevel = "country"\n', "utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["reports"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "my-areas.toml" in err[0] and "level" in err[0], err


def test_ingest_in_a_pool_parses_under_the_runs_settings(tmp_path):
    """Each parse job sent to a pool process carries the settings: the overlay names the figure there
    too. Started by spawn (as on macOS and Windows), so the workers inherit nothing of this process."""
    import multiprocessing

    from reporter.app.ingest import IngestOptions, ingest, stored_reports

    sources = tmp_path / "src"
    sources.mkdir()
    for n in range(4):
        (sources / f"r{n}.txt").write_text(TEXT.replace("1200", str(1200 + n)), "utf-8")
    settings = Settings(store=tmp_path / "s.db", registry=overlay(tmp_path / "mine.toml"))
    method = multiprocessing.get_start_method()
    multiprocessing.set_start_method("spawn", force=True)
    try:
        ingest(IngestOptions(settings, paths=[str(sources)], jobs=2))
    finally:
        multiprocessing.set_start_method(method, force=True)
    named = sorted(int(f.value) for r in stored_reports(settings.store) for f in r.facts if f.indicator == "my_beds")
    assert named == [1200, 1201, 1202, 1203]
