"""The themes sections are tagged with (reporter/data/themes.toml): id, display name, keywords.

The schema is in theme_schema.py, imported only when the file is validated; the checked data
comes from the data-file cache otherwise (datafiles.package_data)."""
from __future__ import annotations

from dataclasses import dataclass

from reporter.datafiles import package_data
from reporter.settings import per_data


@dataclass(frozen=True)
class Theme:
    id: str
    zh: str
    en: str
    keywords: list[str]


@per_data
def themes() -> list[Theme]:
    return [Theme(t["id"], t["zh"], t["en"], list(t["keywords"]))
            for t in package_data("themes.toml", "reporter.theme_schema:Themes")["theme"]]
