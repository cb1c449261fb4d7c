"""Issue 25, lock note: two symlinks to one store take the same lock (the store's resolved path)."""
import fcntl
import shutil

from hostile_helpers import ROOT, reporter


def test_a_store_reached_through_a_symlink_waits_for_the_real_stores_lock(tmp_path):
    real = tmp_path / "real" / "s.db"
    real.parent.mkdir()
    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(sorted((ROOT / "seeds").glob("*.txt"))[1], src)
    link = tmp_path / "elsewhere" / "link.db"
    link.parent.mkdir()
    link.symlink_to(real)
    with open(real.with_name("s.db.lock"), "w") as lock:  # another process holds the real store
        fcntl.flock(lock, fcntl.LOCK_EX)
        proc = reporter("--store", link, "ingest", src, env={"REPORTER_LOCK_TIMEOUT": "0.5"})
    assert proc.returncode == 1 and "another reporter process" in proc.stderr, proc.stderr
    assert not (link.parent / "link.db.lock").exists()
