"""Helpers of the tests/test_hostile_*.py files (issue 25)."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def reporter(*args, cwd=None, env=None, timeout=300) -> subprocess.CompletedProcess:
    """`python -m reporter ARGS` in a real process, with the caller's PYTHONPATH (so a run with
    PYTHONPATH=/work/main tests main), else this checkout."""
    full = {**os.environ, **(env or {})}
    full.setdefault("PYTHONPATH", str(ROOT))
    return subprocess.run([sys.executable, "-m", "reporter", *map(str, args)], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=timeout)


def one_line(proc, code: int = 1) -> bool:
    err = proc.stderr.strip()
    return proc.returncode == code and len(err.splitlines()) == 1 and "Traceback" not in err and "internal error" not in err
