"""The themes sections are tagged with (reporter/data/themes.toml): id, display name, keywords."""
from __future__ import annotations

from functools import lru_cache

from reporter.datafiles import Schema, load_package


class Theme(Schema):
    id: str
    zh: str
    en: str = ""
    keywords: list[str]


class Themes(Schema):
    theme: list[Theme]


@lru_cache(maxsize=1)
def themes() -> list[Theme]:
    return load_package("themes.toml", Themes).theme
