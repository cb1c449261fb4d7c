"""Report identity is a source key plus the content checksum, never the bare file name (issue 10 #3)."""
import shutil

from reporter.cli import main
from store_helpers import SEED_FILES, rows


def placed(tmp_path, *files):
    """Copy each (seed, "folder/name") into tmp_path, making the folders."""
    for seed, where in files:
        (tmp_path / where).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(seed, tmp_path / where)


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_same_name_in_another_folder_is_another_report(capsys, tmp_path):
    db = tmp_path / "s.db"
    placed(tmp_path, (SEED_FILES[0], "a/x.txt"), (SEED_FILES[1], "b/x.txt"))
    assert run(capsys, "--store", db, "ingest", tmp_path / "a")[0] == 0
    before = rows(db)
    code, out, _ = run(capsys, "--store", db, "ingest", tmp_path / "b")
    assert code == 0 and "ingested x-2" in out
    after = rows(db)
    assert before[0] in after and len(after) == 2
    assert {key for _, key, _ in after} == {str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt")}
    code, out, _ = run(capsys, "--store", db, "reports")
    assert "x    government_work_report" in out and "x-2  news" in out


def test_txt_and_md_with_one_stem_are_two_reports(capsys, tmp_path):
    db = tmp_path / "s.db"
    shutil.copy(SEED_FILES[2], tmp_path / "x.txt")
    shutil.copy(SEED_FILES[4], tmp_path / "x.md")
    code, out, _ = run(capsys, "--store", db, "ingest", tmp_path)
    assert code == 0 and "2 parsed" in out
    assert [(i, k.rsplit("/", 1)[1]) for i, k, _ in rows(db)] == [("x", "x.md"), ("x-2", "x.txt")]


def test_ids_stay_stable(capsys, tmp_path):
    """Products print ids: re-ingesting, in another order, or after a parser upgrade keeps each one."""
    from store_helpers import make_stale

    db = tmp_path / "s.db"
    for folder, seed in (("a", SEED_FILES[0]), ("b", SEED_FILES[1]), ("c", SEED_FILES[3])):
        (tmp_path / folder).mkdir()
        shutil.copy(seed, tmp_path / folder / "x.txt")
        run(capsys, "--store", db, "ingest", tmp_path / folder)
    ids = {k: i for i, k, _ in rows(db)}
    assert sorted(ids.values()) == ["x", "x-2", "x-3"]
    make_stale(db)
    code, _, _ = run(capsys, "--store", db, "ingest", tmp_path / "c", tmp_path / "a")
    assert code == 0 and {k: i for i, k, _ in rows(db)} == ids
    with open(tmp_path / "b" / "x.txt", "a", encoding="utf-8") as f:
        f.write("\n新增一段：新增学前学位300个。\n")
    run(capsys, "--store", db, "ingest", tmp_path / "b")
    assert {k: i for i, k, _ in rows(db)} == ids


def test_a_moved_file_keeps_its_report(capsys, tmp_path):
    db = tmp_path / "s.db"
    (tmp_path / "old").mkdir()
    shutil.copy(SEED_FILES[2], tmp_path / "old" / "plan.txt")
    run(capsys, "--store", db, "ingest", tmp_path / "old")
    (tmp_path / "new").mkdir()
    (tmp_path / "old" / "plan.txt").rename(tmp_path / "new" / "plan-2024.txt")
    code, out, _ = run(capsys, "--store", db, "ingest", tmp_path / "new")
    assert code == 0
    ((report_id, key, _),) = rows(db)
    assert report_id == "plan" and key == str(tmp_path / "new" / "plan-2024.txt")


def test_a_copy_is_not_a_second_report(capsys, tmp_path):
    db = tmp_path / "s.db"
    placed(tmp_path, (SEED_FILES[4], "a/r.txt"), (SEED_FILES[4], "b/r.txt"))
    run(capsys, "--store", db, "ingest", tmp_path / "a")
    code, out, _ = run(capsys, "--store", db, "ingest", tmp_path / "b")
    assert code == 0 and "same content as stored report r" in out and len(rows(db)) == 1


def test_show_by_id_path_and_prefix(capsys, tmp_path):
    db = tmp_path / "s.db"
    placed(tmp_path, (SEED_FILES[0], "a/x.txt"), (SEED_FILES[2], "b/x.txt"))
    run(capsys, "--store", db, "ingest", tmp_path / "a", tmp_path / "b")
    code, out, _ = run(capsys, "--store", db, "show", "x-2")
    assert code == 0 and "plan_report" in out
    code, out, _ = run(capsys, "--store", db, "show", tmp_path / "a" / "x.txt")
    assert code == 0 and "government_work_report" in out
    code, _, err = run(capsys, "--store", db, "show", "nothing")
    assert code == 1 and "no report 'nothing'" in err


def test_two_files_that_swap_contents_swap_reports(capsys, tmp_path):
    db = tmp_path / "s.db"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    shutil.copy(SEED_FILES[1], a)
    shutil.copy(SEED_FILES[4], b)
    run(capsys, "--store", db, "ingest", tmp_path)
    before = {i: c for i, _, c in rows(db)}
    shutil.copy(SEED_FILES[4], a)
    shutil.copy(SEED_FILES[1], b)
    code, out, err = run(capsys, "--store", db, "ingest", tmp_path)
    assert code == 0 and "2 parsed" in out, out + err
    assert {i: c for i, _, c in rows(db)} == {"a": before["b"], "b": before["a"]}


def copies(capsys, tmp_path):
    db = tmp_path / "s.db"
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(SEED_FILES[4], tmp_path / folder / "r.txt")
    run(capsys, "--store", db, "ingest", tmp_path / "a")
    code, out, _ = run(capsys, "--store", db, "ingest", tmp_path / "b")
    assert "same content" in out
    code, out, _ = run(capsys, "--store", db, "ingest", tmp_path / "b")
    assert "nothing changed" in out and "same content" not in out  # a known copy
    return db


def test_a_copy_keeps_the_content_when_the_original_changes(capsys, tmp_path):
    db = copies(capsys, tmp_path)
    ((_, _, content),) = rows(db)
    shutil.copy(SEED_FILES[1], tmp_path / "a" / "r.txt")
    code, out, err = run(capsys, "--store", db, "ingest", tmp_path / "a")
    assert code == 0, err
    assert {(i, k, c == content) for i, k, c in rows(db)} == {
        ("r", str(tmp_path / "a" / "r.txt"), False), ("r-2", str(tmp_path / "b" / "r.txt"), True)}


def test_a_copy_keeps_the_report_when_the_original_is_pruned(capsys, tmp_path):
    db = copies(capsys, tmp_path)
    (tmp_path / "a" / "r.txt").unlink()
    code, out, err = run(capsys, "--store", db, "ingest", "--prune", tmp_path / "a", tmp_path / "b")
    assert code == 0 and "pruned" not in out, out + err
    assert [(i, k) for i, k, _ in rows(db)] == [("r", str(tmp_path / "b" / "r.txt"))]


def test_a_copy_that_changes_becomes_a_report(capsys, tmp_path):
    db = copies(capsys, tmp_path)
    with open(tmp_path / "b" / "r.txt", "a", encoding="utf-8") as f:
        f.write("\n附：修订稿。\n")
    code, out, _ = run(capsys, "--store", db, "ingest", tmp_path / "b")
    assert code == 0 and "ingested r-2" in out and len(rows(db)) == 2
