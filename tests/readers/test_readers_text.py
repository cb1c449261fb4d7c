"""Readers: encodings (issue 10 #9), control characters (#5), unreadable files and sidecars (#7, #9)."""
import io
import json
import sqlite3

import pytest

from reporter.cli import main
from store_helpers import SEED_FILES, cli, one_line_error

TRADITIONAL = (
    "臺北市政府二零二三年度施政工作報告\n\n"
    "一、過去一年工作回顧\n\n"
    "全市地區生產總值達到四千億元，比上年增長百分之五點二。一般公共預算收入完成三百億元，增長百分之八。"
    "城鎮新增就業十二萬人，城鎮登記失業率控制在百分之三以內。\n\n"
    "二、二零二四年主要目標\n\n"
    "地區生產總值增長百分之五左右，居民人均可支配收入與經濟增長基本同步。\n"
)
SIMPLIFIED = SEED_FILES[4].read_text("utf-8")  # 004: a performance report


from reporter.store import unpack_json  # noqa: E402


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def stored(db, report_id):
    with sqlite3.connect(db) as conn:
        return json.loads(unpack_json(conn.execute("SELECT data FROM reports WHERE id = ?", (report_id,)).fetchone()[0]))


# ---------------------------------------------------------------- encodings


def test_big5_is_decoded_not_stored_as_mojibake(capsys, tmp_path):
    """Stored exactly as the same text in UTF-8 is (whatever the cleaner makes of traditional forms)."""
    big5, utf8 = tmp_path / "big5" / "taipei.txt", tmp_path / "utf8" / "taipei.txt"
    for path, encoding in ((big5, "big5"), (utf8, "utf-8")):
        path.parent.mkdir()
        path.write_bytes(TRADITIONAL.encode(encoding))
        code, _, err = run(capsys, "--store", tmp_path / f"{encoding}.db", "ingest", path)
        assert code == 0, err
    a, b = stored(tmp_path / "big5.db", "taipei"), stored(tmp_path / "utf-8.db", "taipei")
    assert a["title"] in ("臺北市政府二零二三年度施政工作報告", "台北市政府二零二三年度施政工作报告")
    assert (a["title"], a["sections"], [f["quote"] for f in a["facts"]]) == (b["title"], b["sections"], [f["quote"] for f in b["facts"]])


@pytest.mark.parametrize("encoding,bom", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
    ("gb18030", b""), ("gbk", b""), ("big5", b""),
])
def test_encodings_decode_to_the_same_text(encoding, bom):
    from reporter.readers.text import decode

    text = TRADITIONAL if encoding == "big5" else SIMPLIFIED
    assert decode(bom + text.encode(encoding), "x.txt") == text


def test_bom_followed_by_bad_bytes_is_one_line(capsys, tmp_path):
    src = tmp_path / "bad.txt"
    src.write_bytes(b"\xef\xbb\xbf" + "标题\n".encode("utf-8") + b"\xff\xfe\xfd more")
    code, _, err = run(capsys, "--store", tmp_path / "s.db", "ingest", src)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "UTF-8 byte-order mark" in err and "bad.txt" in err and not (tmp_path / "s.db").exists()


def test_utf16_bom_with_odd_bytes_is_one_line(capsys, tmp_path):
    src = tmp_path / "odd.txt"
    src.write_bytes(b"\xff\xfe" + "标题".encode("utf-16-le") + b"\x00\xd8")  # a lone surrogate half
    code, _, err = run(capsys, "--store", tmp_path / "s.db", "ingest", src)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "UTF-16 byte-order mark" in err


def test_low_confidence_decode_is_refused_naming_likely_encodings(capsys, tmp_path):
    src = tmp_path / "german.txt"
    src.write_bytes(("Der Bericht über die Wirtschaft des Bezirks, mit Grüßen. " * 30).encode("cp1252"))
    code, _, err = run(capsys, "--store", tmp_path / "s.db", "ingest", src)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "german.txt: unknown text encoding" in err and "it looks like" in err and "save the file as UTF-8" in err


# ---------------------------------------------------------------- control characters


def xml_safe(text: str) -> bool:
    return all(c in "\t\n\r" or 0x20 <= ord(c) <= 0xD7FF or 0xE000 <= ord(c) <= 0xFFFD or ord(c) >= 0x10000
               for c in text) and not any(0x7F <= ord(c) <= 0x9F for c in text)


@pytest.mark.parametrize("char,where", [
    ("\x0b", 200), ("\x1b", 200), ("\x0c", 200), ("\x7f", 200), ("\x85", 200), ("\x00", 5000), ("\u2028", 300),
])
def test_control_character_is_normalised_with_a_warning(capsys, tmp_path, char, where):
    """One control character used to break every product (DOCX, PDF, XLSX) until re-ingested."""
    import docx
    import openpyxl

    body = SIMPLIFIED
    while len(body.encode("utf-8")) < where + 10:
        body += SIMPLIFIED
    cut = len(body.encode("utf-8")[:where].decode("utf-8", "ignore"))
    src = tmp_path / "ctl.txt"
    src.write_bytes((body[:cut] + char * 3 + body[cut:]).encode("utf-8"))
    db = tmp_path / "s.db"
    code, _, err = run(capsys, "--store", db, "ingest", src)
    assert code == 0, err
    data = stored(db, "ctl")
    text = json.dumps(data, ensure_ascii=False)
    assert xml_safe(json.loads(json.dumps(text)))
    assert any(f"3 control character(s) (U+{ord(char):04X}×3)" in w for w in data["warnings"])
    # every stored string now goes into XML-based writers as it is
    strings = []

    def walk(v):
        if isinstance(v, str):
            strings.append(v)
        elif isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(data)
    document = docx.Document()
    sheet = openpyxl.Workbook().active
    for s in strings:
        document.add_paragraph(s)
        sheet.append([s])
    document.save(io.BytesIO())


# ---------------------------------------------------------------- unreadable files


def test_unreadable_source_is_one_line(tmp_path):
    src = tmp_path / "secret.txt"
    src.write_text(SIMPLIFIED, "utf-8")
    src.chmod(0)
    proc = cli("--store", tmp_path / "s.db", "ingest", src, nocap=True)
    assert one_line_error(proc, "secret.txt", "cannot read", "Permission denied")
    assert not (tmp_path / "s.db").exists()


def test_unreadable_folder_is_one_line(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "a.txt").write_text(SIMPLIFIED, "utf-8")
    folder.chmod(0)
    try:
        proc = cli("--store", tmp_path / "s.db", "ingest", folder, nocap=True)
    finally:
        folder.chmod(0o755)
    assert one_line_error(proc, "locked", "Permission denied")


def test_unreadable_sidecar_is_one_line(tmp_path):
    src = tmp_path / "r.txt"
    src.write_text(SIMPLIFIED, "utf-8")
    side = tmp_path / "r.txt.meta.toml"
    side.write_text('delivered = "2020-03-01"\n', "utf-8")
    side.chmod(0)
    proc = cli("--store", tmp_path / "s.db", "ingest", src, nocap=True)
    assert one_line_error(proc, "r.txt.meta.toml", "cannot read")


# ---------------------------------------------------------------- sidecars


def test_sidecar_toml_date_is_accepted(capsys, tmp_path):
    src = tmp_path / "r.txt"
    src.write_text(SIMPLIFIED, "utf-8")
    (tmp_path / "r.txt.meta.toml").write_text("delivered = 2020-03-01\npublished = 2020-03-05T10:00:00\n", "utf-8")
    code, _, err = run(capsys, "--store", tmp_path / "s.db", "ingest", src)
    assert code == 0, err
    data = stored(tmp_path / "s.db", "r")
    assert (data["delivered"], data["published"]) == ("2020-03-01", "2020-03-05")
    code, out, err = run(capsys, "--store", tmp_path / "none.db", "facts", "--source", src, "--format", "json")
    assert code == 0, err


@pytest.mark.parametrize("toml,key", [
    ("delivered = 5", "delivered"),
    ('delivered = "March 2020"', "delivered"),
    ('plan_year = "next"', "plan_year"),
    ("review_periods = [2019, true]", "review_periods"),
    ('title = ""', "title"),
    ('kind = "memo"', "kind"),
    ('colour = "red"', "colour"),
])
def test_bad_sidecar_value_names_file_and_key(capsys, tmp_path, toml, key):
    src = tmp_path / "r.txt"
    src.write_text(SIMPLIFIED, "utf-8")
    (tmp_path / "r.txt.meta.toml").write_text(toml + "\n", "utf-8")
    code, _, err = run(capsys, "--store", tmp_path / "s.db", "ingest", src)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "r.txt.meta.toml" in err and f"'{key}'" in err and "internal error" not in err


def test_sidecar_added_after_ingest_makes_the_report_reparse(capsys, tmp_path):
    src = tmp_path / "r.txt"
    src.write_text(SIMPLIFIED, "utf-8")
    db = tmp_path / "s.db"
    assert run(capsys, "--store", db, "ingest", src)[0] == 0
    assert stored(db, "r")["delivered"] is None
    side = tmp_path / "r.txt.meta.toml"
    side.write_text("delivered = 2020-03-01\n", "utf-8")
    code, out, _ = run(capsys, "--store", db, "ingest", src)
    assert code == 0 and "nothing changed" not in out and "1 parsed" in out
    assert stored(db, "r")["delivered"] == "2020-03-01"
    code, out, _ = run(capsys, "--store", db, "ingest", src)
    assert "nothing changed" in out
    side.unlink()
    code, out, _ = run(capsys, "--store", db, "ingest", src)
    assert "1 parsed" in out and stored(db, "r")["delivered"] is None


@pytest.mark.parametrize("text,encoding", [
    ("全力推进文物建筑腾退修缮，梅兰芳祖居文物腾退清理。", "gb18030"),
    ("（张）\n6.2 预期性", "gbk"),
    ("地區生產總值增長6%。", "big5"),
    ("城鎮新增就業十二萬人。", "big5"),
])
def test_short_texts_decode_right_or_not_at_all(text, encoding):
    """Too short for a detector: everyday characters decide, and random bytes never pass."""
    import random

    from reporter.errors import UserError
    from reporter.readers.text import decode

    assert decode(text.encode(encoding), "x.txt") == text
    rng = random.Random(7)
    for _ in range(200):
        noise = bytes(rng.randrange(0x81, 0xFF) for _ in range(rng.randrange(4, 600)))
        with pytest.raises(UserError):
            decode(noise, "x.txt")
