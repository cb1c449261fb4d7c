"""Statistics tables -> facts (filled in below)."""
from __future__ import annotations


def find_tables(lines):
    return []


def table_facts(tables, frame, warnings):
    return []
