"""Helpers shared by the store and reader tests: real subprocesses, real SQLite files."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
NO_DAC = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]  # root that obeys file modes


def cli(*args, cwd=None, env=None, nocap=False, timeout=300) -> subprocess.CompletedProcess:
    """`python -m reporter ARGS` in a real process; nocap drops root's permission override."""
    full = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    cmd = [sys.executable, "-m", "reporter", *map(str, args)]
    if nocap:
        cmd = NO_DAC + cmd
    return subprocess.run(cmd, cwd=cwd, env=full, capture_output=True, text=True, timeout=timeout)


def popen(*args, cwd=None, env=None) -> subprocess.Popen:
    full = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.Popen([sys.executable, "-m", "reporter", *map(str, args)], cwd=cwd, env=full,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def one_line_error(proc, *words) -> bool:
    """Exit 1 with exactly one line on stderr, no traceback, no internal error, naming WORDS."""
    lines = proc.stderr.strip().splitlines()
    return (proc.returncode == 1 and len(lines) == 1 and lines[0].startswith("reporter: error:")
            and "internal error" not in lines[0] and all(w in lines[0] for w in words))


def copy_seeds(folder: Path, files=SEED_FILES, tag: str = "") -> list[Path]:
    """Copies of seeds in FOLDER; a tag line makes each copy's content (checksum) its own."""
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for src in files:
        dst = folder / src.name
        if tag:
            dst.write_text(src.read_text("utf-8") + f"\n附：{tag}\n", "utf-8")
        else:
            shutil.copy(src, dst)
        out.append(dst)
    return out


def rows(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT id, source_key, checksum FROM reports ORDER BY id").fetchall()


def make_stale(db: Path) -> None:
    """What a parser upgrade looks like to a store: its fingerprint is not this code's."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("UPDATE meta SET value = 'an-older-parser' WHERE key = 'parser'")
    conn.close()


def fingerprint(db: Path) -> str:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT value FROM meta WHERE key = 'parser'").fetchone()[0]


def integrity(db: Path) -> str:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()
