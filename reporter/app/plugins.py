"""Loads the product registry, as Datasette loads its default plugins: the shipped products are
one explicit list of modules, products of installed packages come through the entry-point group
`reporter.products`, and both end in the same `products.register`. The registry module never
imports its entries, so there is no circle between it and them.
"""
from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from reporter.app.products import PRODUCTS, Product, register
from reporter.errors import UserError

# each module registers its products when imported
BUILTIN = ("reporter.app.builtin", "reporter.app.digest", "reporter.app.summary", "reporter.app.review")
ENTRY_POINT_GROUP = "reporter.products"

_loaded = False


def load() -> None:
    """Register the built-in products, then those of installed packages (once per process)."""
    global _loaded
    if _loaded:
        return
    for name in BUILTIN:
        importlib.import_module(name)
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        _register_entry(entry)
    _loaded = True


def _register_entry(entry) -> None:
    """An entry point names a Product, a list of them, or a module that registers its own."""
    try:
        obj = entry.load()
    except Exception as exc:  # an installed package's failure is its own, said in one line
        raise UserError(f"product plugin '{entry.name}' ({entry.value}) failed to load: {exc}") from exc
    items = obj if isinstance(obj, (list, tuple)) else [obj]
    for item in items:
        if isinstance(item, Product):
            register(item)
        elif not hasattr(item, "__file__"):  # a module registers on import; anything else is a mistake
            raise UserError(f"product plugin '{entry.name}' ({entry.value}) is not a Product")


def get(name: str) -> Product:
    load()
    if name not in PRODUCTS:
        raise UserError(f"no product '{name}' (products: {', '.join(sorted(PRODUCTS))})")
    return PRODUCTS[name]


def products() -> list[Product]:
    load()
    return list(PRODUCTS.values())
