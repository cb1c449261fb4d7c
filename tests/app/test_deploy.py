"""The scheduler set-ups the README offers: a cron line and a systemd service + timer that parse."""
from __future__ import annotations

import configparser
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reporter.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
UNITS = [ROOT / "deploy" / "reporter-digest.service", ROOT / "deploy" / "reporter-digest.timer"]
KNOWN_KEYS = {
    "Unit": {"Description", "Documentation", "After", "Wants", "Requires"},
    "Service": {"Type", "WorkingDirectory", "ExecStart", "ExecStartPre", "Nice", "User", "Group", "Environment",
                "EnvironmentFile", "TimeoutStartSec"},
    "Timer": {"OnCalendar", "RandomizedDelaySec", "Persistent", "AccuracySec", "Unit"},
    "Install": {"WantedBy"},
}
CRON_RANGES = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]


def unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=True, interpolation=None, comment_prefixes=("#", ";"))
    parser.optionxform = str  # keys are case-sensitive in systemd
    parser.read_string(path.read_text("utf-8"), source=str(path))
    return parser


def reporter_args(command: str) -> list[str]:
    """The arguments after the reporter executable, checked by the real argument parser."""
    words = shlex.split(command)
    at = next(i for i, w in enumerate(words) if Path(w).name == "reporter")
    args = build_parser().parse_args(words[at + 1:])  # exits (SystemExit) on an unknown flag
    assert args.command == "digest" and args.due
    return words[at + 1:]


def cron_field_ok(field: str, low: int, high: int) -> bool:
    for part in field.split(","):
        m = re.fullmatch(r"(\*|(\d+)(?:-(\d+))?)(?:/(\d+))?", part)
        if not m:
            return False
        numbers = [int(n) for n in m.group(2, 3, 4)[:2] if n is not None]
        if any(not low <= n <= high for n in numbers):
            return False
    return True


def test_unit_files_have_known_keys_and_a_quarterly_timer():
    service, timer = (unit(p) for p in UNITS)
    for parsed, path in ((service, UNITS[0]), (timer, UNITS[1])):
        for section in parsed.sections():
            assert section in KNOWN_KEYS, f"{path.name}: unknown section [{section}]"
            unknown = set(parsed[section]) - KNOWN_KEYS[section]
            assert not unknown, f"{path.name} [{section}]: unknown keys {unknown}"
    assert service["Service"]["Type"] == "oneshot"
    assert "--wait" in reporter_args(service["Service"]["ExecStart"])
    calendar = timer["Timer"]["OnCalendar"]
    if shutil.which("systemd-analyze"):
        assert subprocess.run(["systemd-analyze", "calendar", calendar], capture_output=True).returncode == 0
    assert calendar == "quarterly" or re.fullmatch(r"\*-01,04,07,10-\d\d( .*)?", calendar)
    assert timer["Install"]["WantedBy"] == "timers.target"


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze is not installed; the parser test above still runs")
def test_systemd_analyze_verify(tmp_path):
    """verify wants the executable to exist: point the copies at this interpreter and folder."""
    for path in UNITS:
        text = path.read_text("utf-8").replace("/opt/reporter/.venv/bin/reporter", sys.executable)
        (tmp_path / path.name).write_text(text.replace("/opt/reporter", str(tmp_path)), "utf-8")
    result = subprocess.run(["systemd-analyze", "verify", *(str(tmp_path / p.name) for p in UNITS)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "Unknown" not in result.stderr and "ignoring" not in result.stderr, result.stderr


def test_readme_shows_the_unit_files_and_a_valid_cron_line():
    readme = (ROOT / "README.md").read_text("utf-8")
    for path in UNITS:
        assert path.read_text("utf-8") in readme, f"README is out of date with {path.name}"
    lines = [line for line in readme.splitlines() if re.match(r"^[\d*,/-]+( [\d*,/-]+){4} ", line)]
    assert lines, "README has no cron line"
    for line in lines:
        fields, command = line.split()[:5], " ".join(line.split()[5:])
        assert all(cron_field_ok(f, lo, hi) for f, (lo, hi) in zip(fields, CRON_RANGES)), line
        assert fields[3] != "*"  # quarterly, not monthly
        reporter_args(command.split("&&")[-1])
