"""The schema of reporter/data/themes.toml (imported only when the file is validated)."""
from __future__ import annotations

from reporter.datafiles import Schema


class Theme(Schema):
    id: str
    zh: str
    en: str = ""
    keywords: list[str]


class Themes(Schema):
    theme: list[Theme]
