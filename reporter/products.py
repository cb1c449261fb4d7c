"""CLI commands of the products (render, brief, appendix), kept apart from the data commands."""
from __future__ import annotations

register_commands: list = []
