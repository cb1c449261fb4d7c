"""One set of limits for every render path: the CLI, the preview, the digest, the chart and PDF processes.

Templates, styles and sources are untrusted, so a render may try to run forever or allocate
gigabytes. What can be checked before allocating is checked where it happens (the sandbox's
operators, chart points, table rows, stylesheet bounds); the rest is caught by these limits:

  wall time  TIME_SECONDS per template render, on any thread (SIGALRM on the main thread, a
             watchdog that raises in the rendering thread elsewhere: the preview's watcher)
  CPU time   CPU_SECONDS for a helper process (RLIMIT_CPU: SIGXCPU, then the parent says so)
  memory     MEMORY_MB of address space for a helper process and, while it renders, for the
             command itself (RLIMIT_AS: an allocation past it is a MemoryError, one line)

The figures are the run's `Settings.limits` (reporter/settings.py), read from the environment when
the settings are made: tests shorten them with REPORTER_TIME_LIMIT / REPORTER_MEMORY_LIMIT_MB /
REPORTER_CPU_LIMIT.
"""
from __future__ import annotations

import ctypes
import threading
from contextlib import contextmanager
from typing import Iterator

from reporter.settings import current

try:
    import resource
except ImportError:  # Windows: no rlimits; the time limits still hold
    resource = None  # type: ignore[assignment]


def release_memory() -> None:
    """Give freed memory back to the system: collected, then trimmed from the C heap (glibc keeps
    freed pages otherwise). Called where a peak is about to come (the next appendix volume, the
    PDF process reading its fonts) and memory a finished stage no longer uses should not sit under it."""
    import gc

    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass  # not glibc: the memory is still reused by the next stage


def time_seconds() -> float:
    return current().limits.time_seconds


def memory_bytes() -> int:
    return int(current().limits.memory_mb * 2**20)


def cpu_seconds() -> int:
    return current().limits.cpu_seconds


MAX_STRING = 20 * 2**20  # characters a template value or the whole output may hold
MAX_CHART_POINTS = 5_000  # x values times series in one chart() (30k points took 227 s)
MAX_TABLE_ROWS = 20_000  # rows in one table of a document (60k rows kept the layout past 200 s)
MAX_FORMAT_WIDTH = 10_000  # a width or precision in a format spec ('%0999999999d', '{:>400000000}')


def limit_helper() -> None:
    """In a helper process: CPU and address-space limits for the rest of its life."""
    if resource is None:
        return
    _set(resource.RLIMIT_CPU, cpu_seconds())
    _set(resource.RLIMIT_AS, memory_bytes())


def _set(which: int, value: int) -> None:
    try:
        soft, hard = resource.getrlimit(which)
        if hard != resource.RLIM_INFINITY:
            value = min(value, hard)
        if soft == resource.RLIM_INFINITY or value < soft:
            resource.setrlimit(which, (value, hard))
    except (ValueError, OSError):
        pass


@contextmanager
def memory_limit() -> Iterator[None]:
    """The command's own address space capped while it renders (the soft limit only, put back
    after, so ingest and the preview's idle time are not bound by it)."""
    if resource is None:
        yield
        return
    try:
        old = resource.getrlimit(resource.RLIMIT_AS)
    except (ValueError, OSError):
        yield
        return
    _set(resource.RLIMIT_AS, memory_bytes())
    try:
        yield
    finally:
        try:
            resource.setrlimit(resource.RLIMIT_AS, old)
        except (ValueError, OSError):
            pass


class Watchdog:
    """Raise `error` in the thread that made this after `seconds`, unless stopped first: a render
    on a thread without SIGALRM (the preview) is abandoned at the next Python instruction."""

    def __init__(self, seconds: float, error: type[BaseException]):
        self.target = threading.get_ident()
        self.error = error
        self.lock = threading.Lock()
        self.done = False
        self.timer = threading.Timer(seconds, self._fire)
        self.timer.daemon = True

    def start(self) -> "Watchdog":
        self.timer.start()
        return self

    def _fire(self) -> None:
        with self.lock:
            if not self.done:
                ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(self.target), ctypes.py_object(self.error))

    def stop(self) -> None:
        with self.lock:
            self.done = True
        self.timer.cancel()
