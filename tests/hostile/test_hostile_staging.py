"""Issue 25, break 9: a failed rename never mixes an output set, the message is true, and the
next run is not blocked by what the failed one left."""
import json
import os

import pytest

from reporter.cli import main

FORMATS = ("md", "html", "docx")


def render(capsys, out):
    code = main(["render", "sample", "--out", str(out), "--format", ",".join(FORMATS)])
    _, err = capsys.readouterr()
    return code, err


def files(out):
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


@pytest.fixture
def old_set(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    out = tmp_path / "out"
    assert render(capsys, out)[0] == 0
    for p in out.iterdir():  # mark the old set, so "all old" can be told from "all new"
        p.write_bytes(b"old " + p.name.encode())
    return out


def test_a_folder_where_the_docx_goes_leaves_the_old_set(old_set, capsys):
    out = old_set
    (out / "sample.docx").unlink()
    (out / "sample.docx").mkdir()
    before = files(out)
    code, err = render(capsys, out)
    assert code == 1 and len(err.strip().splitlines()) == 1 and "internal error" not in err, err
    assert "sample.docx" in err and "as they were" in err
    assert files(out) == before  # md and html not replaced
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
    (out / "sample.docx").rmdir()
    assert render(capsys, out)[0] == 0  # the next run is clean


def test_a_rename_failing_halfway_rolls_the_set_back(old_set, capsys, monkeypatch):
    from reporter.writers import files as files_module

    out = old_set
    before = files(out)
    real_replace = os.replace

    def failing(src, dst, *a, **k):
        if str(dst).endswith("sample.docx") and ".reporter-staging-" in str(src) and "old-" not in str(src):
            raise PermissionError(13, "Permission denied", str(src))
        return real_replace(src, dst, *a, **k)

    monkeypatch.setattr(files_module.os, "replace", failing)
    code, err = render(capsys, out)
    assert code == 1 and "internal error" not in err, err
    assert "sample.docx" in err and "as they were" in err  # true: see below
    assert files(out) == before
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]
    monkeypatch.setattr(files_module.os, "replace", real_replace)
    assert render(capsys, out)[0] == 0
    assert all(not v.startswith(b"old ") for v in files(out).values())


def test_a_committed_stage_that_cannot_finish_does_not_block_later_runs(old_set, capsys):
    """What a failed (or killed) run of an older version left: a manifest whose rename cannot happen."""
    out = old_set
    stage = out / ".reporter-staging-999999-x"
    stage.mkdir()
    (stage / "0.docx").write_bytes(b"new docx")
    (stage / "MANIFEST.json").write_text(json.dumps([["0.docx", str(out / "sample.docx")]]), "utf-8")
    (out / "sample.docx").unlink()
    (out / "sample.docx").mkdir()  # a folder when the next run rolls forward: the rename fails
    (out / "sample.docx" / "x").write_text("keep", "utf-8")
    code, err = render(capsys, out)
    assert code == 1 and "a folder has that name" in err, err
    assert not stage.exists()
    (out / "sample.docx" / "x").unlink()
    (out / "sample.docx").rmdir()
    assert render(capsys, out)[0] == 0
