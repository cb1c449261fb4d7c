"""docs/templates.md stays true: the product contexts are regenerated and compared, and every
filter the templates can use is documented."""
from __future__ import annotations

from pathlib import Path

from reporter.app.templates import context_docs, replace_context_docs
from reporter.render.filters import FILTERS
from reporter.settings import Settings

DOC = Path(__file__).resolve().parent.parent / "docs" / "templates.md"


def test_contexts_in_the_docs_are_current(store):
    text = DOC.read_text("utf-8")
    assert replace_context_docs(text, context_docs(Settings(store=store))) == text, \
        "docs/templates.md is out of date: run `python scripts/template_docs.py` and commit it"


def test_every_product_and_filter_is_documented():
    from reporter.app.plugins import products

    text = DOC.read_text("utf-8")
    assert all(f"### {p.name}\n" in text for p in products())
    missing = [name for name in FILTERS if f"`{name}`" not in text]
    assert not missing, f"filters not in docs/templates.md: {missing}"


def test_every_recipe_in_extending_names_a_test_that_exists():
    """docs/extending.md: each recipe is followed by the test that does it; a renamed or removed
    test makes the recipe unverified, so it fails here."""
    import re

    root = DOC.parent.parent
    text = (root / "docs" / "extending.md").read_text("utf-8")
    named = re.findall(r"`(tests/[\w/]+\.py)::(\w+)`", text)
    recipes = re.findall(r"^## (.+)$", text, flags=re.M)
    assert len(recipes) >= 6 and len(named) >= len(recipes)
    for path, name in named:
        source = (root / path).read_text("utf-8")
        assert re.search(rf"^def {name}\(", source, flags=re.M), f"{path}::{name} named in docs/extending.md"


def test_every_dependency_has_its_licence_listed():
    """docs/DEPENDENCIES.md names every package pyproject.toml installs, with its licence."""
    import re
    import tomllib

    root = DOC.parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text("utf-8"))["project"]
    names = [re.split(r"[<>=\[ ;]", d, maxsplit=1)[0].lower()
             for d in project["dependencies"] + project["optional-dependencies"]["test"]]
    listed = (root / "docs" / "DEPENDENCIES.md").read_text("utf-8").lower()
    missing = [n for n in names if n not in listed]
    assert not missing, f"add these to docs/DEPENDENCIES.md with their licence: {missing}"
