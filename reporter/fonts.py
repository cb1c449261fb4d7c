"""Start-up checks for what fails silently later: a CJK font and HarfBuzz's subsetter."""
from __future__ import annotations

import ctypes.util
import subprocess
import sys
from functools import lru_cache

from reporter.errors import UserError

CJK_FAMILIES = ("Noto Sans CJK SC", "Noto Serif CJK SC", "Source Han Sans SC", "WenQuanYi Zen Hei")
INSTALL_HINT = "install one: sudo apt-get install fonts-noto-cjk (or run bash scripts/setup.sh)"


@lru_cache(maxsize=1)
def cjk_font_files() -> dict[str, str]:
    """family -> font file, for the CJK families fontconfig knows."""
    try:
        out = subprocess.run(["fc-list", ":lang=zh", "family", "file"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.TimeoutExpired):
        return {}
    found: dict[str, str] = {}
    for line in out.splitlines():
        path, _, families = line.partition(":")
        for family in families.split(","):
            found.setdefault(family.strip(), path.strip())
    return found


def require_cjk_font() -> str:
    """The family to typeset Chinese in; a clear error instead of tofu boxes if there is none."""
    files = cjk_font_files()
    for family in CJK_FAMILIES:
        if family in files:
            return family
    raise UserError(f"no Chinese (CJK) font found, so the PDF would print boxes instead of characters; {INSTALL_HINT}")


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def warn_if_no_harfbuzz_subset() -> bool:  # once per process
    """Without libharfbuzz-subset WeasyPrint falls back to fontTools: ~15 s instead of ~0.4 s per CJK PDF."""
    if ctypes.util.find_library("harfbuzz-subset"):
        return True
    print("reporter: WARNING: libharfbuzz-subset0 is missing; PDFs with Chinese text will take ~40x longer to write "
          "(sudo apt-get install libharfbuzz-subset0)", file=sys.stderr)
    return False
