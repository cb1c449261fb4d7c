"""A helper process: one of ours, started early so its imports run on the other core.

One-shot commands start `python -m <module>` for the slow imports a render will need
(WeasyPrint and its fonts for the PDF, matplotlib for the charts) before composing; the
parent sends it work as pickles over its stdin and reads pickled replies from its stdout.
Both ends are our code. The child dies with its parent (PR_SET_PDEATHSIG) and on EOF, so a
killed command leaves nothing running; a child that is gone makes the parent do the work itself.
"""
from __future__ import annotations

import os
import pickle
import subprocess
import sys
from typing import Any, BinaryIO


class Helper:
    def __init__(self, module: str):
        self.module = module
        self.proc: subprocess.Popen | None = None
        self.returncode: int | None = None  # how the child ended (-SIGXCPU: its CPU limit), once closed

    def start(self, *first: Any) -> "Helper":
        """Start the child and send it its first message (what to warm up with)."""
        try:
            self.proc = subprocess.Popen([sys.executable, "-m", self.module], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE)
        except OSError:
            self.proc = None
            return self
        self.send(first)
        return self

    @property
    def alive(self) -> bool:
        return self.proc is not None

    def send(self, message: Any, last: bool = False) -> bool:
        if self.proc is None:
            return False
        try:
            pickle.dump(message, self.proc.stdin)
            self.proc.stdin.flush()
            if last:
                self.proc.stdin.close()
            return True
        except (OSError, ValueError):
            self.close()
            return False

    def receive(self) -> Any | None:
        """The next reply, or None when the child is gone."""
        if self.proc is None:
            return None
        try:
            return pickle.load(self.proc.stdout)
        except (EOFError, pickle.UnpicklingError, OSError, ValueError):
            self.close()
            return None

    def close(self) -> None:
        if self.proc is not None:
            if self.proc.poll() is None:
                self.proc.kill()
            self.returncode = self.proc.wait()
            for stream in (self.proc.stdin, self.proc.stdout):
                try:
                    if stream and not stream.closed:
                        stream.close()
                except OSError:  # a write still buffered for a child that is gone
                    pass
            self.proc = None


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (PR_SET_PDEATHSIG): a worker of a
    command killed with SIGKILL must not stay behind. Also a pool's initializer."""
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
        if os.getppid() == 1:
            os._exit(1)
    except (OSError, AttributeError):
        pass


def child_streams() -> tuple[BinaryIO, BinaryIO]:
    """In the child: die with the parent; (requests, replies), with stdout moved to stderr so
    nothing a library prints can land in a reply."""
    die_with_parent()
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    return sys.stdin.buffer, replies


def reply(stream: BinaryIO, message: Any) -> bool:
    try:
        pickle.dump(message, stream)
        stream.flush()
        return True
    except OSError:
        return False


def request(stream: BinaryIO) -> Any | None:
    try:
        return pickle.load(stream)
    except (EOFError, pickle.UnpicklingError):
        return None
