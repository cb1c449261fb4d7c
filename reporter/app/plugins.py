"""Builds the product table, as Datasette loads its default plugins: the shipped products are
one explicit list, products of installed packages come through the entry-point group
`reporter.products`, and both go through the same `products.register`. The registry module never
imports its entries, so there is no circle between it and them.

No table is kept in a module global: `catalogue()` builds it from what it depends on, the entry
points installed now (a cache keyed by them), so a package installed or removed in a running
process (a test's toy package) is seen on the next call.
"""
from __future__ import annotations

import importlib
from functools import lru_cache
from importlib.metadata import entry_points

from reporter.app.products import Product, register
from reporter.errors import UserError

# "module:attribute": a Product or a tuple of them
BUILTIN = ("reporter.app.builtin:PRODUCTS", "reporter.app.digest:DIGEST", "reporter.app.summary:SUMMARY",
           "reporter.app.review:REVIEW")
ENTRY_POINT_GROUP = "reporter.products"


def catalogue() -> dict[str, Product]:
    """Every product by name: the built-in ones, then those of installed packages."""
    return dict(_catalogue(tuple(entry_points(group=ENTRY_POINT_GROUP))))


@lru_cache(maxsize=4)
def _catalogue(entries: tuple) -> tuple[tuple[str, Product], ...]:
    table: dict[str, Product] = {}
    for spec in BUILTIN:
        module, attr = spec.split(":")
        for item in _items(getattr(importlib.import_module(module), attr)):
            register(table, item, spec)
    for entry in entries:
        try:
            obj = entry.load()
        except Exception as exc:  # an installed package's failure is its own, said in one line
            raise UserError(f"product plugin '{entry.name}' ({entry.value}) failed to load: {exc}") from exc
        for item in _items(obj):
            register(table, item, f"product plugin '{entry.name}' ({entry.value})")
    return tuple(table.items())


def _items(obj) -> list:
    """An entry names a Product or a list of them."""
    return list(obj) if isinstance(obj, (list, tuple)) else [obj]


def get(name: str) -> Product:
    table = catalogue()
    if name not in table:
        raise UserError(f"no product '{name}' (products: {', '.join(sorted(table))})")
    return table[name]


def products() -> list[Product]:
    return list(catalogue().values())
