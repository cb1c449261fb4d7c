"""The LibreOffice and Chromium tests skip only when the program is absent AND the user opted out."""
from __future__ import annotations

import pytest

from conftest import require_program


def test_absent_program_without_opt_out_fails(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("REPORTER_NO_LIBREOFFICE", raising=False)
    with pytest.raises(pytest.fail.Exception, match="soffice is not installed"):
        require_program("soffice", "REPORTER_NO_LIBREOFFICE")


def test_absent_program_with_opt_out_skips(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("REPORTER_NO_BROWSER", "1")
    with pytest.raises(pytest.skip.Exception, match="REPORTER_NO_BROWSER is set"):
        require_program("chromium", "REPORTER_NO_BROWSER")


def test_present_program_is_found_whatever_the_opt_out(monkeypatch, tmp_path):
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setenv("REPORTER_NO_LIBREOFFICE", "1")
    assert require_program("soffice", "REPORTER_NO_LIBREOFFICE") == str(program)
