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
        if staged is None:  # a file of the old set the new set no longer has (e.g. a 5th volume)
            Path(target).unlink(missing_ok=True)
            continue
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


def write_together(outputs: dict[Path, bytes], remove: list[Path] | None = None) -> list[Path]:
    """Write every file of one render, all or none (and remove the old set's extra files with them)."""
    if not outputs:
        return []
    with Staging(next(iter(outputs)).parent) as stage:
        for target, data in outputs.items():
            stage.add(target, data)
        stage.remove(remove or [])
    return list(outputs)


class Staging:
    """One output set written file by file (so only one file's bytes need be in memory), committed
    at the end by one manifest: `with Staging(folder) as s: s.add(path, data) ...`. Leaving the block
    with an error (or being killed) before the manifest leaves every old file as it was."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.stage: Path | None = None
        self.plan: list[tuple[str | None, str]] = []
        self.written: list[Path] = []

    def __enter__(self) -> "Staging":
        return self

    def _open(self) -> Path:
        """The staging folder, made on the first file: a render that fails before it leaves no trace."""
        if self.stage is None:
            try:
                if self.folder.exists() and not self.folder.is_dir():
                    raise UserError(f"{self.folder} is a file, not a folder: choose another --out")
                self.folder.mkdir(parents=True, exist_ok=True)
                recover(self.folder)
                self.stage = Path(tempfile.mkdtemp(prefix=f"{STAGING}{os.getpid()}-", dir=self.folder))
                self.mode = _mode()
            except OSError as exc:
                raise self._error(exc) from exc
        return self.stage

    def add(self, target: Path, data: bytes) -> None:
        stage = self._open()
        staged = f"{len(self.plan)}{target.suffix}"
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            _fsync_write(stage / staged, data)
            os.chmod(stage / staged, self.mode)
        except OSError as exc:
            raise self._error(exc) from exc
        self.plan.append((staged, str(target)))
        self.written.append(target)

    def remove(self, targets: list[Path]) -> None:
        """Files of the old set to delete when the new set is committed (never before)."""
        keep = {str(p) for p in self.written}
        self.plan += [(None, str(p)) for p in targets if str(p) not in keep]

    def __exit__(self, kind, exc, tb) -> None:
        if self.stage is None:
            if kind is None and self.plan:  # only removals: nothing new to stage
                self._open()
            else:
                return
        assert self.stage is not None
        if kind is not None:
            shutil.rmtree(self.stage, ignore_errors=True)
            return
        try:
            _fsync_write(self.stage / (MANIFEST + ".tmp"), json.dumps(self.plan).encode("utf-8"))
            os.replace(self.stage / (MANIFEST + ".tmp"), self.stage / MANIFEST)  # the commit point
        except BaseException as failure:
            shutil.rmtree(self.stage, ignore_errors=True)
            if isinstance(failure, OSError):
                raise self._error(failure) from failure
            raise
        try:
            _roll_forward(self.stage)
        except OSError as failure:
            raise self._error(failure) from failure

    def _error(self, exc: OSError) -> UserError:
        where = exc.filename or self.folder
        return UserError(f"cannot write to {where}: {exc.strerror or exc} (the old outputs are as they were)")


def atomic_write_bytes(target: Path, data: bytes) -> Path:
    """One file: a temp name beside it, then rename."""
    return write_together({target: data})[0]
