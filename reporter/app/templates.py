"""Use cases for editors: list the templates, copy one to edit, see what data a template gets."""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from reporter.errors import UserError
from reporter.paths import templates_dir
from reporter.settings import Settings

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


BLOCK_TAG = re.compile(r"{%-?\s*(?:block\s+(\w+)|(endblock))\b[^%]*?-?%}")
COMMENT = re.compile(r"{#.*?#}", re.S)
EXTENDS_NAME = re.compile(r"""{%-?\s*extends\s+["']([^"']+)["']""")


def copy(name: str, folder: Path, block: str | None = None) -> tuple[Path, Path]:
    """Copy a template (or just one of its blocks) into folder, never outside it, never over a
    file or through a symlink. A block is added to a file there that does not hold it yet."""
    full = template_name(name)
    source = templates_dir() / full
    if folder.is_symlink():
        raise UserError(f"{folder} is a symbolic link: copy into a real folder")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / full
    if folder.resolve() not in target.resolve().parents:
        raise UserError(f"{target}: outside {folder}")
    if target.is_symlink():
        raise UserError(f"{target} is a symbolic link: not written")
    if block is None:
        if target.exists():
            raise UserError(f"{target} exists: not overwritten")
        _write(target, source.read_bytes(), append=False)
        return source, target
    where, text = block_source(full, block)
    if target.exists():
        merged = add_block(target.read_text("utf-8"), block, text, target)
        _replace(target, merged.encode("utf-8"))
    else:
        note = (f"{{#- Block {block} of {where.name}: edit it here; everything else comes from the default "
                f"template. Add more blocks with `reporter templates copy {full.split('.')[0]} DIR --block NAME`. -#}}\n")
        _write(target, (note + text + "\n").encode("utf-8"), append=False)
    return where, target


def add_block(existing: str, block: str, text: str, target: Path) -> str:
    """The override file with block added. A block the file already holds is refused, naming where
    it is; blocks of the file that the new block contains (headline_intro inside body) move into it,
    so the file never defines a block twice and the edits already made are kept."""
    spans = _spans(existing)
    if block in spans:
        outer = [b for b, (s0, e0) in spans.items() if b != block and s0 < spans[block][0] and spans[block][1] <= e0]
        inside = f" (inside block {outer[-1]})" if outer else ""
        raise UserError(f"{target} already holds block {block}{inside}: edit it there")
    inner = _spans(text)
    moved = [b for b in inner if b != block and b in spans]
    for name in sorted(moved, key=lambda b: -inner[b][0]):  # from the end, so offsets stay right
        start, end = _spans(text)[name]
        mine = existing[spans[name][0]:spans[name][1]]
        text = text[:start] + mine + text[end:]
    for name in sorted(moved, key=lambda b: -spans[b][0]):
        start, end = _spans(existing)[name]
        existing = existing[:start].rstrip("\n") + "\n" + existing[end:].lstrip("\n")
    return existing.rstrip("\n") + "\n\n" + text + "\n"


def _replace(target: Path, data: bytes) -> None:
    """Rewrite an override file in one rename (never through a symlink)."""
    import os
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".copy-", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def _write(target: Path, data: bytes, append: bool) -> None:
    import os

    flags = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | (os.O_APPEND if append else os.O_CREAT | os.O_EXCL)
    try:
        fd = os.open(target, flags, 0o644)
    except OSError as exc:
        raise UserError(f"{target}: cannot write ({exc.strerror})") from exc
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


def _spans(source: str) -> dict[str, tuple[int, int]]:
    """Each block's name -> (start, end) offsets of its text, from {% block %} to its {% endblock %}."""
    masked = COMMENT.sub(lambda m: " " * len(m.group(0)), source)
    spans: dict[str, tuple[int, int]] = {}
    stack: list[tuple[str, int]] = []
    for m in BLOCK_TAG.finditer(masked):
        if m.group(1):
            stack.append((m.group(1), m.start()))
        elif stack:
            name, start = stack.pop()
            spans.setdefault(name, (start, m.end()))
    return dict(sorted(spans.items(), key=lambda item: item[1][0]))


def template_chain(full: str) -> list[Path]:
    """The default template and the templates it extends, child first."""
    chain: list[Path] = []
    name: str | None = full
    while name and len(chain) < 10:
        path = templates_dir() / name
        if not path.is_file() or path in chain:
            break
        chain.append(path)
        found = EXTENDS_NAME.search(path.read_text("utf-8"))
        name = found.group(1) if found else None
    return chain


def block_source(full: str, block: str) -> tuple[Path, str]:
    """(the file, the text) of the block as the default template (or the one it extends) has it."""
    import difflib

    known: list[str] = []
    for path in template_chain(full):
        source = path.read_text("utf-8")
        spans = _spans(source)
        if block in spans:
            start, end = spans[block]
            return path, source[start:end]
        known += [b for b in spans if b not in known]
    near = difflib.get_close_matches(block, known, n=3, cutoff=0.5)
    guess = f"did you mean {' or '.join(near)}? " if near else ""
    raise UserError(f"{full} has no block {block}; {guess}blocks: {', '.join(known) or 'none'}")


def describe(value, depth: int = 0, limit: int = 2, examples: bool = True) -> list[str]:
    """A readable outline of a context value: keys, types and (with examples) one example, for editors."""
    pad = "  " * depth
    shown = _example if examples else _no_example
    if isinstance(value, dict):
        lines = []
        for key, item in value.items():
            lines.append(f"{pad}{key}: {type(item).__name__}{shown(item)}")
            if depth < limit and isinstance(item, (dict, list)) and item:
                lines += describe(item, depth + 1, limit, examples)
        return lines
    if isinstance(value, list) and value:
        first = value[0]
        if hasattr(first, "__dataclass_fields__"):
            return [f"{pad}[0].{name}: {_declared(first, name, examples)}{shown(getattr(first, name))}"
                    for name in first.__dataclass_fields__]
        if isinstance(first, dict):
            return describe(first, depth, limit, examples)
    return []


def _declared(record, name: str, examples: bool) -> str:
    """A dataclass field's type: as declared (stable, for docs) or of the value at hand."""
    declared = record.__dataclass_fields__[name].type
    if examples or declared is None:
        return type(getattr(record, name)).__name__
    return declared if isinstance(declared, str) else getattr(declared, "__name__", str(declared))


def _example(item) -> str:
    if isinstance(item, (str, int, float)) or item is None:
        return f" = {str(item)[:40]!s}"
    if isinstance(item, list):
        return f" ({len(item)} items)"
    return ""


def _no_example(item) -> str:
    return ""


GLOBALS_DOC = {"title": "the product's title", "generated": "YYYY-MM-DD (the build date)",
               "notes": "footnotes: notes.cite(text) returns the marker", "lang": "zh or en",
               "chart": "chart(title, x, series, unit, unit_right)", "t": "t(key, **values): a fixed word"}


def context_outline(name: str, settings: Settings, options: dict | None = None, examples: bool = True) -> list[str]:
    """What the product's template receives, built from the corpus (options the product needs and
    that are not given come from the corpus, as in `templates check`)."""
    from reporter.app.defaults import fill_options
    from reporter.app.ingest import load_corpus
    from reporter.app.plugins import get
    from reporter.app.render import RenderOptions, build_context

    product = get(template_name(name).split(".")[0])
    reports = load_corpus(settings.store)
    given = {k: v for k, v in (options or {}).items() if v is not None and any(o.name == k for o in product.options)}
    years = (options or {}).get("years")
    if years and any(o.name == "year" for o in product.options) and "year" not in given:
        given["year"] = str(years).split("-")[-1].strip()  # summary: one year, the last of --years
    opts = RenderOptions(product=product.name, settings=settings, reports=reports,
                         options=fill_options(product, given, reports))
    built = build_context(opts)
    context = dict(built.context)
    context.update({k: v if examples else None for k, v in GLOBALS_DOC.items()})
    lines = describe(context, examples=examples)
    if not examples:  # the globals: say what they are instead of "NoneType"
        lines = [f"{line.split(':')[0]}: {GLOBALS_DOC[line.split(':')[0]]}" if line.split(":")[0] in GLOBALS_DOC
                 else line for line in lines]
    return lines


CONTEXT_BEGIN = "<!-- context: generated by `python scripts/template_docs.py`; do not edit by hand -->"
CONTEXT_END = "<!-- /context -->"


def context_docs(settings: Settings) -> str:
    """The context section of docs/templates.md: every registered product's context shape."""
    from reporter.app.plugins import products

    parts = [CONTEXT_BEGIN]
    for product in products():
        outline = "\n".join(context_outline(product.name, settings, examples=False))
        parts.append(f"### {product.name}\n\n{product.description} (`templates/{product.template}.md.j2`; "
                     f"`reporter templates context {product.name} --shape`)\n\n```text\n{outline}\n```\n")
    parts.append(CONTEXT_END)
    return "\n".join(parts)


def replace_context_docs(text: str, generated: str) -> str:
    start, end = text.find(CONTEXT_BEGIN), text.find(CONTEXT_END)
    if start < 0 or end < 0:
        raise UserError(f"docs/templates.md: no {CONTEXT_BEGIN} ... {CONTEXT_END} section")
    return text[:start] + generated + text[end + len(CONTEXT_END):]


def check(settings: Settings, user_dir: Path | None = None) -> list:
    """`templates check`: lint the templates (default, and DIR's over them) and render every
    product against the corpus; a list of lint Findings, empty when all is well."""
    from reporter.app.defaults import fill_options
    from reporter.app.ingest import load_corpus
    from reporter.app.plugins import products
    from reporter.app.render import RenderOptions
    from reporter.render import lint
    from reporter.render.environment import make_environment

    env = make_environment(templates_dir(), user_dir)
    parsed, findings = {}, []
    names = env.loader.list_templates()
    overridden = [f"default/{n}" for n in names if user_dir and (user_dir / n).is_file() and (templates_dir() / n).is_file()]
    for name in names + overridden:  # an overridden default still uses macros and defines blocks
        try:
            parsed.update(lint.parse_all(env, [name]))
        except UserError as exc:
            findings.append(lint.Finding("error", name, None, str(exc)))
        except Exception as exc:  # noqa: BLE001 - a syntax error is a finding, not a crash
            from reporter.render.problems import problem

            p = problem(exc)
            findings.append(lint.Finding("error", p.file, p.line, p.message))
    findings += lint.orphan_blocks(env, parsed) + lint.unused_macros(parsed)
    reports = load_corpus(settings.store)
    checked = replace(settings, templates=user_dir)  # the folder checked is the render's templates
    files = ([sorted(user_dir.glob("*.j2"))] if user_dir else []) + [sorted(templates_dir().glob("*.j2"))]
    for product in products():
        opts = RenderOptions(product=product.name, settings=checked, options=fill_options(product, {}, reports),
                             reports=reports)
        sourced = "corpus" in product.depends_on  # only products drawn from the corpus print facts
        findings += _check_render(opts, product.template, [p for group in files for p in group], sourced)
    seen: set = set()  # a broken file is reported once, not again by each product that renders it
    unique = []
    for f in findings:
        key = (f.kind, f.file, f.line) if f.kind == "error" else f
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return [f for f in unique if own_finding(f, user_dir)] if user_dir else unique


def own_finding(finding, user_dir: Path) -> bool:
    """A finding about a file of the editor's folder (`templates check DIR` reports DIR's own
    templates, not the shipped ones they build on)."""
    folders = {str(user_dir), str(user_dir.resolve())}
    names = {p.name for p in user_dir.glob("*") if p.is_file()}
    file = str(finding.file)
    if any(file.startswith(folder.rstrip("/") + "/") for folder in folders):
        return True
    if finding.kind == "error" and any(folder in finding.message for folder in folders):
        return True
    return finding.kind in ("block", "undefined", "macro") and file in names


def _check_render(opts, template: str, files: list[Path], sourced: bool) -> list:
    """Render one product with a recording Undefined; its undefined names and unsourced figures."""
    from reporter.app.render import build_context
    from reporter.render import lint
    from reporter.render.pipeline import EXTRA_NAMES, RenderRequest, build
    from reporter.render.problems import TemplateProblem

    values = " ".join(str(v) for v in opts.options.values() if v)
    where = f"{template}.md.j2 (rendered for {opts.product}{' ' + values if values else ''})"
    recorded: list = []
    try:
        built = build_context(opts)
        names = [*built.context, *EXTRA_NAMES]
        req = RenderRequest(template=template, context=built.context, title=built.title, basename=built.basename,
                            formats=["html"], out_dir=opts.out_dir, settings=opts.settings, lang=built.lang,
                            undefined=lint.recording_undefined(recorded, names))
        document = build(req).document
    except TemplateProblem as exc:
        return recorded + [lint.Finding("error", exc.file, exc.line, exc.message)]
    except UserError as exc:
        return recorded + [lint.Finding("error", where, None, str(exc))]
    if not sourced:
        return recorded
    references = [x for r in opts.reports or [] for x in (r.id, r.title) if x]
    return recorded + lint.unsourced(document.body, where, references, files)[:lint.MAX_PER_PRODUCT]
