"""Putting outputs on disk so a failure never leaves half a file or a mix of old and new.

One render's files are written into a staging folder beside the targets, then a manifest is
written (the commit point), then each file is renamed into place. A run killed before the
manifest leaves only a staging folder, removed by the next run; a run killed after it is
completed by the next run (roll forward). Either way every output set ends all old or all new.

Each old file also gets a second name (a hard link) in the staging folder before the commit:
if a rename fails halfway (a folder where a file should go, a file made read-only), the files
already replaced are put back from those links, so the set is all old again, the message says
so truthfully, and nothing is left to block the next run.
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


ROLLBACK = "ROLLBACK"  # beside the manifest: a rename failed and the old set is being put back


class CommitFailed(OSError):
    """A rename of the committed set failed; `restored` says whether every old file is back."""

    def __init__(self, cause: OSError, restored: bool, target: str):
        super().__init__(cause.errno, cause.strerror or str(cause), target)
        self.restored = restored


def _plan(stage: Path) -> list[tuple[str | None, str, str | None]]:
    """The manifest's entries as (staged name or None for a removal, target, backup name or None)."""
    entries = json.loads((stage / MANIFEST).read_text("utf-8"))
    return [(e[0], e[1], e[2] if len(e) > 2 else None) for e in entries]


def _roll_forward(stage: Path) -> None:
    """Put the committed set in place; if a rename fails, put every replaced file back from its
    backup (the old set, whole) and raise CommitFailed. The stage is gone afterwards unless the
    old set could not be put back (then ROLLBACK marks it and the next run tries again)."""
    if (stage / ROLLBACK).exists():
        _roll_back(stage, _plan(stage))
        return
    entries = _plan(stage)
    done = []
    for entry in entries:
        staged, target, _ = entry
        try:
            if staged is None:  # a file of the old set the new set no longer has (e.g. a 5th volume)
                Path(target).unlink(missing_ok=True)
            elif (stage / staged).exists():
                os.replace(stage / staged, target)
        except OSError as exc:
            (stage / ROLLBACK).touch()
            raise CommitFailed(exc, _roll_back(stage, done), target) from exc
        done.append(entry)
    shutil.rmtree(stage, ignore_errors=True)


def _roll_back(stage: Path, done: list) -> bool:
    """Undo DONE (renames already made): the old file back from its backup, a new file that had
    no old one removed. True (and the stage removed) when every one is undone."""
    restored = True
    for staged, target, backup in reversed(done):
        try:
            if backup is not None and (stage / backup).exists():
                os.replace(stage / backup, target)
            elif backup is None and staged is not None:
                Path(target).unlink(missing_ok=True)
        except OSError:
            restored = False
    if restored:
        shutil.rmtree(stage, ignore_errors=True)
    return restored


def _backup(target: Path, stage: Path, name: str) -> str | None:
    """A second name for the old file inside the stage (a hard link, else a copy), so a failed
    commit can put it back; None when there is no old file."""
    if not target.is_file():
        return None
    try:
        os.link(target, stage / name)
    except OSError:
        shutil.copy2(target, stage / name)
    return name


def recover(folder: Path) -> None:
    """Finish or discard what a killed run left in folder: staging folders and stray .part files.
    A set that cannot be finished (a rename fails again) is rolled back to the old one, so one
    failed run never blocks the next."""
    if not folder.is_dir():
        return
    for entry in folder.iterdir():
        if entry.name.startswith(STAGING) and entry.is_dir():
            pid = entry.name[len(STAGING):].split("-")[0]
            if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)):
                continue  # another run is writing right now
            if (entry / MANIFEST).is_file():
                try:
                    _roll_forward(entry)
                except (OSError, ValueError):
                    shutil.rmtree(entry, ignore_errors=True)  # what could be put back is back
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
        if target.is_dir() and not target.is_symlink():
            raise UserError(f"cannot write {target}: a folder has that name (the old outputs are as they were)")
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
            plan = [(staged, target, _backup(Path(target), self.stage, f"old-{i}")) for i, (staged, target) in enumerate(self.plan)]
            _fsync_write(self.stage / (MANIFEST + ".tmp"), json.dumps(plan).encode("utf-8"))
            os.replace(self.stage / (MANIFEST + ".tmp"), self.stage / MANIFEST)  # the commit point
        except BaseException as failure:
            shutil.rmtree(self.stage, ignore_errors=True)
            if isinstance(failure, OSError):
                raise self._error(failure) from failure
            raise
        try:
            _roll_forward(self.stage)
        except CommitFailed as failure:
            if failure.restored:
                raise self._error(failure) from failure
            where = failure.filename or self.folder
            raise UserError(f"cannot write to {where}: {failure.strerror}; some old outputs could not be put back yet "
                            "(the next run into this folder puts them back)") from failure
        except OSError as failure:
            raise self._error(failure) from failure

    def _error(self, exc: OSError) -> UserError:
        where = exc.filename or self.folder
        return UserError(f"cannot write to {where}: {exc.strerror or exc} (the old outputs are as they were)")


def atomic_write_bytes(target: Path, data: bytes) -> Path:
    """One file: a temp name beside it, then rename."""
    return write_together({target: data})[0]
