"""The schema of reporter/data/areas.toml (imported only when the file is validated)."""
from __future__ import annotations

from typing import Literal

from pydantic import field_validator, model_validator

from reporter.datafiles import Schema

Level = Literal["nation", "province", "city", "district", "county", "sub_district"]


class AreaRow(Schema):
    name: str
    level: Level
    parent: str | None = None
    aliases: list[str] = []
    en: str = ""

    @field_validator("name")
    @classmethod
    def plain_name(cls, value: str) -> str:
        if not value.strip() or value != value.strip() or any(c in value for c in ",，\n"):
            raise ValueError("a name is non-empty text without commas or surrounding spaces")
        return value


class AreasFile(Schema):
    area: list[AreaRow]

    @model_validator(mode="after")
    def one_tree(self) -> "AreasFile":
        """Names unique (aliases too), every parent listed, no area its own ancestor."""
        names = [a.name for a in self.area]
        seen: dict[str, str] = {}
        for a in self.area:
            for word in (a.name, *a.aliases):
                if word in seen and seen[word] != a.name:
                    raise ValueError(f"'{word}' names both {seen[word]} and {a.name}")
                seen[word] = a.name
        parents = {a.name: a.parent for a in self.area}
        for a in self.area:
            if a.parent is not None and a.parent not in parents:
                raise ValueError(f"area {a.name}: parent '{a.parent}' is not in the file")
            node, steps = a.parent, 0
            while node is not None:
                steps += 1
                if node == a.name or steps > len(names):
                    raise ValueError(f"area {a.name}: its parents lead back to itself")
                node = parents.get(node)
        return self
