"""Putting outputs on disk so a failure never leaves half a file or a mix of old and new.

One render's files are written into a staging folder beside the targets, then a manifest is
written (the commit point), then each file is renamed into place. A run killed before the
manifest leaves only a staging folder, removed by the next run; a run killed after it is
completed by the next run (roll forward). Either way every output set ends all old or all new.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from reporter.errors import UserError

STAGING = ".reporter-staging-"
MANIFEST = "MANIFEST.json"


def _fsync_write(path: Path, data: bytes) -> None:
    with open(path, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())


def _mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask  # mkstemp makes 0600; outputs are ordinary files


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _roll_forward(stage: Path) -> None:
    manifest = json.loads((stage / MANIFEST).read_text("utf-8"))
    for staged, target in manifest:
        source = stage / staged
        if source.exists():
            os.replace(source, target)
    shutil.rmtree(stage, ignore_errors=True)


def recover(folder: Path) -> None:
    """Finish or discard what a killed run left in folder: staging folders and stray .part files."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.name.startswith(STAGING) and entry.is_dir():
            pid = entry.name[len(STAGING):].split("-")[0]
            if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
                continue  # another run is writing right now
            if (entry / MANIFEST).is_file():
                _roll_forward(entry)
            else:
                shutil.rmtree(entry, ignore_errors=True)
        elif entry.name.startswith(".") and entry.name.endswith(".part") and time.time() - entry.stat().st_mtime > 60:
            entry.unlink(missing_ok=True)


def write_together(outputs: dict[Path, bytes]) -> list[Path]:
    """Write every file of one render, all or none."""
    if not outputs:
        return []
    folder = next(iter(outputs)).parent
    try:
        return _write_together(folder, outputs)
    except OSError as exc:
        where = exc.filename or folder
        raise UserError(f"cannot write to {where}: {exc.strerror or exc} (the old outputs are as they were)") from exc


def _write_together(folder: Path, outputs: dict[Path, bytes]) -> list[Path]:
    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder} is a file, not a folder: choose another --out")
    folder.mkdir(parents=True, exist_ok=True)
    recover(folder)
    stage = Path(tempfile.mkdtemp(prefix=f"{STAGING}{os.getpid()}-", dir=folder))
    try:
        mode = _mode()
        plan = []
        for n, (target, data) in enumerate(outputs.items()):
            target.parent.mkdir(parents=True, exist_ok=True)
            staged = f"{n}{target.suffix}"
            _fsync_write(stage / staged, data)
            os.chmod(stage / staged, mode)
            plan.append((staged, str(target)))
        _fsync_write(stage / (MANIFEST + ".tmp"), json.dumps(plan).encode("utf-8"))
        os.replace(stage / (MANIFEST + ".tmp"), stage / MANIFEST)  # the commit point
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    _roll_forward(stage)
    return list(outputs)


def atomic_write_bytes(target: Path, data: bytes) -> Path:
    """One file: a temp name beside it, then rename."""
    return write_together({target: data})[0]
