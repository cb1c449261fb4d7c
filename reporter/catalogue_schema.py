"""The schema of a message catalogue (reporter/data/messages/<lang>.toml or a user's), imported
only when a catalogue is validated: key -> text, both strings."""
from __future__ import annotations

from pydantic import RootModel


class Catalogue(RootModel[dict[str, str]]):
    pass
