"""Areas (issue 21): the areas file, a report's area, the store column and its migration,
`reporter areas`, --area on the products, facts of an area, and no place name in code."""
from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import zlib
from decimal import Decimal
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reporter.areas import Areas, areas, detect, level_from_suffix
from reporter.errors import UserError
from store_helpers import cli, one_line_error

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path("/work/shared/corpus")
OTHERS = ["huangpu_gongbao_2023.txt", "huangpu_gongbao_2024.txt", "jingan_gwr_2023.txt", "yuzhong_gwr_2023.txt",
          "yuzhong_gwr_2026.txt", "yuzhong_plan_2024.txt", "tianhe_gwr_2025.txt"]
# a district's statistics release that quotes its city's figures (test data: the names are made up
# to the areas file's; the figures are invented and only need to come back as they are)
QUOTING = """北京市西城区{year}年国民经济和社会发展统计公报

{year}年，全区实现地区生产总值{gdp}亿元。全市地区生产总值{city}亿元。全区区级一般公共预算收入{rev}亿元。
"""


# ---------------------------------------------------------------- the areas file


def test_areas_file_loads_with_levels_and_parents():
    known = areas()
    district = known.get("西城区")
    assert district.level == "district" and district.parent == "北京市"
    assert known.get("北京市").level == "city" and known.get("北京市").parent == "中国"
    assert [a.name for a in known.ancestors("渝中区")] == ["重庆市", "中国"]
    assert known.ancestor_at("天河区", "province").name == "广东省"
    assert known.canonical("黄浦区") == "上海市黄浦区"


def test_a_place_not_in_the_file_gets_its_level_from_its_suffix():
    known = areas()
    assert known.get("成华区") == type(known.get("西城区"))("成华区", "district", None)
    assert known.get("成都市成华区").parent == "成都市"
    assert known.get("某某县").level == "county" and known.get("某某街道").level == "sub_district"
    assert known.get("政府工作报告") is None
    assert level_from_suffix("区") is None  # a suffix alone is no name


@pytest.mark.parametrize("text,words", [
    ('[[area]]\nname = "甲市"\nlevel = "town"\n', ["area.0.level"]),
    ('[[area]]\nname = "甲区"\nlevel = "district"\nparent = "乙市"\n', ["parent", "乙市"]),
    ('[[area]]\nname = "甲市"\nlevel = "city"\naliases = ["甲"]\n[[area]]\nname = "乙市"\nlevel = "city"\naliases = ["甲"]\n',
     ["甲"]),
    ('[[area]]\nname = "甲市"\nlevel = "city"\nparent = "乙市"\n[[area]]\nname = "乙市"\nlevel = "city"\nparent = "甲市"\n',
     ["lead back"]),
    ('[[area]]\nname = "甲市"\nlevel = "city"\nmayor = "x"\n', ["unknown key"]),
])
def test_a_bad_areas_file_is_one_line_naming_the_key(text, words):
    from reporter.area_schema import AreasFile
    from reporter.datafiles import parse

    with pytest.raises(UserError) as err:
        parse(text, AreasFile, "areas.toml")
    line = str(err.value)
    assert "\n" not in line and line.startswith("areas.toml: ") and all(w in line for w in words), line


# ---------------------------------------------------------------- a report's area


def test_detection_prefers_the_issuer_then_the_most_local_name():
    assert detect("北京市西城区发展和改革委员会", "关于2023年计划执行情况")[0].name == "北京市西城区"
    assert detect(None, "2024年黄浦区国民经济和社会发展统计公报")[0].name == "上海市黄浦区"
    assert detect(None, "成华区2023年国民经济和社会发展统计公报")[0].name == "成华区"  # not in the file
    area, why = detect(None, "政府工作报告", "——在广州市天河区第十届人民代表大会上")
    assert area.name == "广州市天河区" and why == "opening"


def test_a_city_name_in_a_text_that_speaks_as_a_district_is_not_taken():
    area, why = detect(None, "2025年杭州市政府工作报告", "全区上下……区委区政府……全区经济……")
    assert area is None and "district" in why


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.text(max_size=60), st.text(max_size=400))
def test_detection_never_fails_on_any_text(issuer, title, opening):
    area, _ = detect(issuer, title, opening)
    assert area is None or area.level in ("province", "city", "district", "county", "sub_district")


def test_seeds_and_corpus_texts_get_their_areas(parsed):
    from reporter.app.ingest import parse_file as parse_report

    assert {r.area for r in parsed.values()} == {"北京市西城区"}
    got = {name: parse_report(CORPUS / name).area for name in OTHERS}
    assert got["huangpu_gongbao_2024.txt"] == "上海市黄浦区" and got["jingan_gwr_2023.txt"] == "上海市静安区"
    assert got["yuzhong_plan_2024.txt"] == "重庆市渝中区" and got["tianhe_gwr_2025.txt"] == "广州市天河区"


def test_the_sidecar_says_the_area(tmp_path, seeds):
    from reporter.app.ingest import parse_file as parse_report

    src = tmp_path / "x.txt"
    shutil.copy(seeds / "004_bd0e258bace6571b.txt", src)
    (tmp_path / "x.txt.meta.toml").write_text('area = "渝中区"\n', "utf-8")
    assert parse_report(src).area == "重庆市渝中区"
    (tmp_path / "x.txt.meta.toml").write_text("area = 3\n", "utf-8")
    with pytest.raises(UserError, match="'area' must be a non-empty string"):
        parse_report(src)


# ---------------------------------------------------------------- the store


def downgrade_to_v3(db: Path) -> None:
    """The store as version 3 wrote it: no area column, report JSON without `area`."""
    with sqlite3.connect(db) as conn:
        for rid, data in conn.execute("SELECT id, data FROM reports").fetchall():
            d = json.loads(zlib.decompress(data))
            d.pop("area")
            conn.execute("UPDATE reports SET data = ? WHERE id = ?", (zlib.compress(json.dumps(d).encode()), rid))
        conn.execute("DROP INDEX reports_area")
        conn.execute("ALTER TABLE reports DROP COLUMN area")
        conn.execute("PRAGMA user_version = 3")


def test_a_v3_store_reads_with_areas_and_upgrades_in_place(tmp_path, seeds):
    db = tmp_path / "s.db"
    assert cli("--store", db, "ingest", seeds).returncode == 0
    downgrade_to_v3(db)
    listed = cli("--store", db, "areas")  # a read: no migration, areas detected as the parser would
    assert listed.returncode == 0 and "北京市西城区" in listed.stdout, listed.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 3
    assert cli("--store", db, "ingest", seeds).returncode == 0  # a write upgrades in place
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
        assert {a for (a,) in conn.execute("SELECT area FROM reports")} == {"北京市西城区"}
        assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 5


# ---------------------------------------------------------------- a store of several areas


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """The seeds and texts of three other areas in one store."""
    folder = tmp_path_factory.mktemp("mixed")
    db = folder / "s.db"
    run = cli("--store", db, "ingest", ROOT / "seeds", *[CORPUS / n for n in OTHERS])
    assert run.returncode == 0, run.stderr
    return db


def area_table(out: str) -> dict[str, list[str]]:
    return {line.split()[0]: line.split() for line in out.splitlines()[2:]}


def test_areas_lists_each_area_with_level_parent_reports_years_facts(mixed):
    run = cli("--store", mixed, "areas")
    assert run.returncode == 0, run.stderr
    rows = area_table(run.stdout)
    assert rows["北京市西城区"][1:4] == ["district", "北京市", "5"]
    assert rows["上海市黄浦区"][1:4] == ["district", "上海市", "2"]
    assert rows["重庆市渝中区"][1:4] == ["district", "重庆市", "3"]
    assert rows["广州市天河区"][1:4] == ["district", "广州市", "1"]
    assert "2023-2024" in rows["上海市黄浦区"]
    assert int(rows["北京市西城区"][-1]) > 500


def test_a_product_without_area_in_a_store_of_several_is_one_line_exit_2(mixed, tmp_path):
    run = cli("--store", mixed, "brief", "--years", "2021-2024", "--out", tmp_path)
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 2 and len(lines) == 1, run.stderr
    assert "--area" in lines[0] and "北京市西城区" in lines[0] and "重庆市渝中区" in lines[0]
    assert not list(tmp_path.iterdir())


def test_brief_of_another_area_names_it_everywhere_and_never_xicheng(mixed, tmp_path):
    run = cli("--store", mixed, "brief", "--area", "渝中区", "--years", "2021-2025", "--format", "md,html,docx",
              "--out", tmp_path)
    assert run.returncode == 0, run.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["brief-渝中区-2021-2025.docx", "brief-渝中区-2021-2025.html", "brief-渝中区-2021-2025.md"]
    md = (tmp_path / names[2]).read_text("utf-8")
    assert md.startswith("# 重庆市渝中区经济社会发展多年对比简报 2021–2025")
    html = (tmp_path / names[1]).read_text("utf-8")
    assert '<div class="running-title">重庆市渝中区经济社会发展多年对比简报' in html  # the PDF's running header
    props = docx.Document(str(tmp_path / names[0])).core_properties
    assert props.title.startswith("重庆市渝中区") and props.author == "重庆市渝中区人民政府"
    company = subprocess.run(["unzip", "-p", str(tmp_path / names[0]), "docProps/app.xml"], capture_output=True,
                             text=True).stdout
    assert "<Company>重庆市渝中区</Company>" in company
    for text in (md, html, company, props.author, props.title):
        assert "西城" not in text and "北京" not in text


def test_an_unknown_area_is_one_line(mixed, tmp_path):
    run = cli("--store", mixed, "brief", "--area", "浦东新区", "--years", "2021-2024", "--out", tmp_path)
    assert one_line_error(run, "浦东新区")


# ---------------------------------------------------------------- facts of an area


@pytest.fixture(scope="module")
def quoting(tmp_path_factory, seeds):
    """The seeds plus two statistics releases of the district quoting the city's GDP."""
    folder = tmp_path_factory.mktemp("quoting")
    for year, gdp, city, rev in ((2022, "5100.5", "41610.9", "420.1"), (2023, "5400.5", "43760.7", "450.2")):
        (folder / f"stats{year}.txt").write_text(QUOTING.format(year=year, gdp=gdp, city=city, rev=rev), "utf-8")
    db = folder / "s.db"
    assert cli("--store", db, "ingest", seeds, folder).returncode == 0
    return db


def test_the_city_figures_quoted_are_facts_of_the_city_with_their_sources(quoting):
    run = cli("--store", quoting, "facts", "--area", "北京市", "--format", "json")
    assert run.returncode == 0, run.stderr
    rows = json.loads(run.stdout)
    gdp = sorted((r["period"], r["value"], r["scope"], r["source"]) for r in rows if r["indicator"] == "gdp")
    assert gdp == [("2022", "41610.9", "city", "stats2022.txt"), ("2023", "43760.7", "city", "stats2023.txt")]
    own = json.loads(cli("--store", quoting, "facts", "--area", "西城区", "--indicator", "gdp", "--format", "json").stdout)
    assert "43760.7" not in {r["value"] for r in own}  # the city's figure is not the district's


def test_facts_area_on_the_seeds_lists_what_they_quote_of_the_city(seeds, tmp_path):
    db = tmp_path / "s.db"
    assert cli("--store", db, "ingest", seeds).returncode == 0
    rows = json.loads(cli("--store", db, "facts", "--area", "北京市", "--format", "json").stdout)
    assert rows and all(r["scope"] == "city" and r["report_id"] for r in rows)


def test_corpus_value_gives_the_figure_and_every_source(quoting):
    from reporter.corpus import Atlas
    from reporter.store import Store

    atlas = Atlas.of(Store(quoting).reports())
    value = atlas.value("北京市", "gdp", "actual", 2023)
    assert value.fact.value == Decimal("43760.7") and [f.report_id for f in value.sources] == ["stats2023"]
    assert atlas.value("西城区", "gdp", "actual", 2023).fact.value == Decimal("5400.5")
    assert atlas.value("北京市", "gdp", "actual", 2019).fact is None


# ---------------------------------------------------------------- no place name in code


def code_text(path: Path) -> str:
    """What a file says to the program: a Python file's string constants and names, a TOML file's
    lines but its comments (comments and docstrings may give an example); any other file whole."""
    import ast

    text = path.read_text("utf-8", errors="replace")
    if path.suffix == ".toml":  # a data file's comments may give an example; its values count
        return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    if path.suffix != ".py":
        return text
    tree = ast.parse(text)
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body
            and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return "\n".join(n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                     and id(n) not in docs) + "\n".join(n.id for n in ast.walk(tree) if isinstance(n, ast.Name))


def test_no_area_name_in_code_templates_styles_or_catalogues():
    """Every name and alias of the areas file (the nation's are scope words, 全国): none in the code
    of reporter/ (its strings and names), templates/, styles/ or the catalogues, except the areas
    file itself and the term base (a glossary of names and their English)."""
    words = [w for k in areas().rows.values() if k.area.level != "nation" for w in (k.area.name, *k.aliases)]
    found = {}
    for folder in ("reporter", "templates", "styles"):
        for path in (ROOT / folder).rglob("*"):
            if not path.is_file() or path.name in ("areas.toml", "termbase.csv") or "__pycache__" in path.parts \
                    or path.suffix in (".docx", ".png", ".ttf", ".otf"):
                continue
            text = code_text(path)
            hits = [w for w in words if w in text]
            if hits:
                found[str(path.relative_to(ROOT))] = hits
    assert not found, found


def test_the_place_name_check_reads_code_not_comments(tmp_path):
    path = tmp_path / "x.py"
    path.write_text('"""例如 西城区."""\n# 西城区\nA = "全区"\nB = "西城区"\n', "utf-8")
    assert code_text(path).count("西城区") == 1 and "全区" in code_text(path)


def test_areas_of_a_fresh_object_are_lookups_only():
    empty = Areas([])
    assert empty.get("西城区").parent is None and empty.ancestors("西城区") == []


def test_summary_appendix_and_digest_of_an_area(mixed, tmp_path):
    run = cli("--store", mixed, "summary", "--area", "渝中区", "--year", "2022", "--lang", "en", "--format", "md",
              "--out", tmp_path)
    assert run.returncode == 0, run.stderr
    md = (tmp_path / "summary-渝中区-2022-en.md").read_text("utf-8")
    assert "Yuzhong District, Chongqing: Summary of the 2022 report" in md.splitlines()[0]  # the file's English name
    run = cli("--store", mixed, "appendix", "--area", "黄浦区", "--years", "2023-2024", "--format", "md,xlsx",
              "--out", tmp_path)
    assert run.returncode == 0, run.stderr
    appendix = (tmp_path / "appendix-黄浦区-2023-2024.md").read_text("utf-8")
    assert appendix.startswith("# 上海市黄浦区指标附表") and "西城" not in appendix
    run = cli("--store", mixed, "digest", "--area", "黄浦区", "--quarter", "2024Q2", "--format", "md", "--out", tmp_path)
    assert run.returncode == 0, run.stderr + run.stdout
    digest = (tmp_path / "digests" / "黄浦区" / "2024Q2.md").read_text("utf-8")
    assert digest.startswith("# 上海市黄浦区季度摘要") and "西城" not in digest


def test_a_sidecar_area_that_names_no_place_is_refused(tmp_path, seeds):
    src = tmp_path / "x.txt"
    shutil.copy(seeds / "004_bd0e258bace6571b.txt", src)
    (tmp_path / "x.txt.meta.toml").write_text('area = "somewhere"\n', "utf-8")
    db = tmp_path / "s.db"
    assert one_line_error(cli("--store", db, "ingest", src), "somewhere")
    assert not db.exists() or cli("--store", db, "reports").stdout.count("\n") <= 3
