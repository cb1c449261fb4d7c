"""Dead code: vulture over reporter/ (and scripts/, which call into it) finds no unused function,
method, class, property or import, no unreachable code and no unused parameter, but for the
names in tests/vulture_whitelist.py, each with the reason it is used.

Confidence: vulture gives 60% to every unused function, class, method and property (it cannot
see dynamic use) and 100% to an unused parameter or unreachable code; the test takes all of those.
It leaves out unused variables and attributes below 100%: dataclass and schema fields read by
templates, and attributes set for a library (openpyxl, python-docx), which vulture cannot see read.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WHITELIST = ROOT / "tests" / "vulture_whitelist.py"
DECORATORS = "@field_validator,@model_validator"  # pydantic calls the validators
NOT_JUDGED = re.compile(r"unused (variable|attribute) .*\((?:[0-9]|[1-9][0-9])% confidence\)")


def vulture(*paths: Path) -> list[str]:
    pytest.importorskip("vulture", reason="vulture is in the test extras: pip install -e .[test]")
    args = [sys.executable, "-m", "vulture", *map(str, paths), "--min-confidence", "60",
            "--ignore-decorators", DECORATORS]
    done = subprocess.run(args, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode in (0, 3), done.stderr  # 3: dead code found; anything else: vulture failed
    return [line for line in done.stdout.splitlines() if line and not NOT_JUDGED.search(line)]


def test_no_dead_code_in_reporter():
    found = vulture(ROOT / "reporter", ROOT / "scripts", WHITELIST)
    assert not found, "unused code (remove it, or add it to tests/vulture_whitelist.py saying why):\n" + "\n".join(found)


def test_the_check_finds_dead_code(tmp_path):
    """The filter does not hide what it should find: a dead function and an unused parameter."""
    (tmp_path / "m.py").write_text("def used(a, b):\n    return a\n\n\ndef dead():\n    return used(1, 2)\n", "utf-8")
    found = vulture(tmp_path / "m.py")
    assert any("unused function 'dead'" in line for line in found), found
    assert any("unused variable 'b'" in line for line in found), found


def test_every_whitelist_entry_says_why():
    """An entry without a reason is a silenced warning, not a judgement."""
    for n, line in enumerate(WHITELIST.read_text("utf-8").splitlines(), start=1):
        if re.match(r"^(_\.)?\w+\s*(#|$)", line) and not line.startswith("_ ="):
            assert "#" in line and line.split("#", 1)[1].strip(), f"vulture_whitelist.py:{n}: {line!r} has no reason"


def test_every_whitelist_entry_still_names_code():
    """An entry whose code is gone would hide the next unused thing of that name: remove it too."""
    names = [m.group(1) for line in WHITELIST.read_text("utf-8").splitlines()
             if (m := re.match(r"^(?:_\.)?(\w+)\s*#", line))]
    code = "\n".join(p.read_text("utf-8") for p in (ROOT / "reporter").rglob("*.py"))
    gone = [n for n in names if not re.search(rf"\b{n}\b", code)]
    assert names and not gone, f"vulture_whitelist.py names what reporter/ no longer has: {gone}"
