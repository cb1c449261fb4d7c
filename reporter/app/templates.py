"""Use cases for editors: list the templates, copy one to edit, see what data a template gets."""
from __future__ import annotations

import re
from pathlib import Path

from reporter.errors import UserError
from reporter.paths import templates_dir

NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


def listing() -> list[tuple[str, str]]:
    """(file name, its whole description) for every template and template data file."""
    out = []
    for path in sorted(templates_dir().glob("*")):
        if not path.is_file():
            continue
        note = description(path.read_text("utf-8")) if path.suffix in (".j2", ".toml") else ""
        out.append((path.name, note))
    return out


def description(text: str) -> str:
    """The file's leading comment, whole: a Jinja {# … #} block or the first run of '#' lines."""
    m = re.match(r"\s*\{#-?(.*?)-?#\}", text, re.S)
    if m:
        lines = m.group(1).splitlines()
    else:
        lines = []
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            lines.append(line.lstrip("#"))
    return " ".join(line.strip() for line in lines if line.strip())


def template_name(name: str) -> str:
    """'brief' -> 'brief.md.j2'; only a plain file name of templates/ is accepted."""
    full = name if name.endswith((".j2", ".toml")) else f"{name}.md.j2"
    if not NAME.match(full) or ".." in full:
        raise UserError(f"{name}: not a template name (see `reporter templates list`)")
    if not (templates_dir() / full).is_file():
        raise UserError(f"no template {full} in {templates_dir()} (see `reporter templates list`)")
    return full


def copy(name: str, folder: Path) -> tuple[Path, Path]:
    """Copy a template into folder, never outside it, never over a file or through a symlink."""
    import os

    full = template_name(name)
    source = templates_dir() / full
    if folder.is_symlink():
        raise UserError(f"{folder} is a symbolic link: copy into a real folder")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / full
    if target.is_symlink() or target.exists():
        raise UserError(f"{target} exists: not overwritten")
    if folder.resolve() not in target.resolve().parents:
        raise UserError(f"{target}: outside {folder}")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(target, flags, 0o644)
    except OSError as exc:
        raise UserError(f"{target}: cannot write ({exc.strerror})") from exc
    with os.fdopen(fd, "wb") as fh:
        fh.write(source.read_bytes())
    return source, target


def describe(value, depth: int = 0, limit: int = 2) -> list[str]:
    """A readable outline of a context value: keys, types and one example, for editors."""
    pad = "  " * depth
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            lines.append(f"{pad}{key}: {type(item).__name__}{_example(item)}")
            if depth < limit and isinstance(item, (dict, list)) and item:
                lines += describe(item, depth + 1, limit)
        return lines
    if isinstance(value, list) and value:
        first = value[0]
        if hasattr(first, "__dataclass_fields__"):
            return [f"{pad}[0].{name}: {type(getattr(first, name)).__name__}{_example(getattr(first, name))}"
                    for name in first.__dataclass_fields__]
        if isinstance(first, dict):
            return describe(first, depth, limit)
    return []


def _example(item) -> str:
    if isinstance(item, (str, int, float)) or item is None:
        return f" = {str(item)[:40]!s}"
    if isinstance(item, list):
        return f" ({len(item)} items)"
    return ""


def context_outline(name: str, store: Path, years: str) -> list[str]:
    """What the product's template receives, built from the corpus for the given years."""
    from reporter.app.products import get
    from reporter.app.render import RenderOptions, build_context

    product_name = template_name(name).split(".")[0]
    product = get(product_name)
    options = {o.name: years for o in product.options if o.name == "years"}
    options.update({o.name: years.split("-")[-1].strip() for o in product.options if o.name == "year"})  # summary
    built = build_context(RenderOptions(product=product.name, out_dir=Path("build"), store=store, options=options))
    context = dict(built.context)
    context.update({"title": built.title, "generated": "YYYY-MM-DD", "notes": "footnotes: notes.cite(text)",
                    "chart": "chart(title, x, series, unit, unit_right)", "t": "t(key, **values): a fixed word"})
    return describe(context)
