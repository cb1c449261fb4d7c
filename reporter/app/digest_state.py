"""The digests folder's state file and lock (for app/schedule.py): what was built from which
inputs, replaced atomically; one run at a time (flock, msvcrt on Windows); what a killed run left
cleaned up under the lock."""
from __future__ import annotations

import json
import os
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

STATE = "state.json"
LOCK = "digest.lock"
STATE_TEMP = ".state-"  # prefix of the state file's temp name (suffix .part)
STATE_VERSION = 1


def load_state(folder: Path) -> dict:
    """The recorded digests; an unreadable state file means nothing is known (all rebuilt)."""
    try:
        state = json.loads((folder / STATE).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    digests = state.get("digests") if isinstance(state, dict) and state.get("version") == STATE_VERSION else None
    return {q: e for q, e in digests.items() if isinstance(e, dict)} if isinstance(digests, dict) else {}


def save_state(folder: Path, digests: dict) -> None:
    """Temp file beside it, fsync, rename: a kill leaves the old state or the new, never half."""
    data = json.dumps({"version": STATE_VERSION, "digests": digests}, indent=1, sort_keys=True, ensure_ascii=False)
    fd, temp = tempfile.mkstemp(prefix=STATE_TEMP, suffix=".part", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, folder / STATE)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def clean_leftovers(folder: Path) -> None:
    """What a killed run left: staging folders (rolled forward or dropped) and state temp files.
    Called under the lock, so no other digest run is writing here."""
    from reporter.writers.files import recover

    recover(folder)
    for path in folder.glob(f"{STATE_TEMP}*.part"):
        path.unlink(missing_ok=True)


def _try_lock(fh) -> bool:
    """One non-blocking attempt: flock on POSIX, msvcrt.locking on Windows (Task Scheduler)."""
    try:
        import fcntl
    except ImportError:  # Windows
        import msvcrt

        try:
            fh.seek(0)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


@contextmanager
def run_lock(folder: Path, wait: float) -> Iterator[str | None]:
    """Hold the digests' lock, waiting up to `wait` seconds; yields None when held, else the
    holder's description. The kernel drops the lock when its process dies, even on SIGKILL."""
    path = folder / LOCK
    fh = open(path, "a+", encoding="utf-8")
    try:
        deadline = time.monotonic() + max(wait, 0)
        while not _try_lock(fh):
            if time.monotonic() >= deadline:
                try:
                    fh.seek(0)
                    holder = fh.read().strip()[:40]
                except OSError:  # Windows: the holder's locked byte cannot be read
                    holder = ""
                yield f"pid {holder}" if holder.isdigit() else "another process"
                return
            time.sleep(0.1)
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        yield None
    finally:
        fh.close()
