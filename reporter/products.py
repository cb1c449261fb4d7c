"""CLI commands of the products: each is a context builder (reporter/compose/) plus a template."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from reporter.errors import UserError
from reporter.render.pipeline import FORMATS, RenderRequest, parse_formats, render


def add_render_options(p: argparse.ArgumentParser, default_formats: str) -> None:
    p.add_argument("--format", default=default_formats, help=f"comma-separated: {','.join(FORMATS)} (default {default_formats})")
    p.add_argument("--out", type=Path, default=Path("build"), help="output folder (default build/)")
    p.add_argument("--templates", type=Path, help="a folder of templates that override templates/ (whole files or single blocks)")


def report_written(args: argparse.Namespace, paths: list[Path]) -> None:
    if not args.quiet:
        for path in paths:
            print(f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)")


def run_render(args: argparse.Namespace, req: RenderRequest) -> list[Path]:
    """Render, say what was written, and with -v how long each stage took."""
    req.progress = not args.quiet and sys.stderr.isatty()
    paths = render(req)
    if args.verbose:
        print(" ".join(f"{k}={v:.2f}s" for k, v in req.timings.items()), file=sys.stderr)
    return paths


def cmd_render(args: argparse.Namespace) -> int:
    from reporter.compose import sample

    name = re.sub(r"\.md\.j2$", "", Path(args.template).name)
    if name != "sample":
        raise UserError(f"render: no context builder for '{name}' (products: sample; use `reporter brief` or `reporter appendix`)")
    req = RenderRequest(product=name, context=sample.build(args.parts), title="样例产品：模板元素演示",
                        basename=name if args.parts == 1 else f"{name}-{args.parts}", formats=parse_formats(args.format),
                        out_dir=args.out, user_templates=args.templates)
    report_written(args, run_render(args, req))
    return 0


def add_render(sub) -> None:
    p = sub.add_parser("render", help="render a demonstration product (templates/sample.md.j2)")
    p.add_argument("template", help="product name or template path, e.g. sample or templates/sample.md.j2")
    p.add_argument("--parts", type=int, default=1, help="repeat the sample body N times (for long-document tests)")
    add_render_options(p, "pdf,docx,html")
    p.set_defaults(func=cmd_render)


def corpus(args: argparse.Namespace):
    from reporter.app.ingest import load_corpus

    return load_corpus(args.store)


def cmd_brief(args: argparse.Namespace) -> int:
    from reporter.compose import brief
    from reporter.periods import parse_range

    first, last = parse_range(args.years)
    indicators = [i.strip() for i in args.indicators.split(",")] if args.indicators else None
    context = brief.build(corpus(args), first, last, indicators, args.templates)
    if context["uncovered"] and not args.quiet:
        print(f"note: no source covers {', '.join(map(str, context['uncovered']))}", file=sys.stderr)
    req = RenderRequest(product="brief", context=context, title=context["title"], basename=f"brief-{first}-{last}",
                        formats=parse_formats(args.format), out_dir=args.out, user_templates=args.templates)
    report_written(args, run_render(args, req))
    return 0


def add_brief(sub) -> None:
    p = sub.add_parser("brief", help="the multi-year comparison brief")
    p.add_argument("--years", required=True, help="a year range, e.g. 2021-2024")
    p.add_argument("--indicators", help="only these indicator ids, comma-separated")
    add_render_options(p, "pdf,docx")
    p.set_defaults(func=cmd_brief)


def cmd_appendix(args: argparse.Namespace) -> int:
    import io

    import pandas as pd

    from reporter.compose import appendix
    from reporter.periods import parse_range
    from reporter.writers.files import atomic_write_bytes

    first, last = parse_range(args.years)
    requested = [f.strip().lower() for f in args.format.split(",") if f.strip()]
    data_formats = [f for f in requested if f in ("xlsx", "csv")]
    doc_formats = [f for f in requested if f not in ("xlsx", "csv")]
    context = appendix.build(corpus(args), first, last)
    base = f"appendix-{first}-{last}"
    outputs: dict[Path, bytes] = {}
    if "xlsx" in data_formats:
        buf = io.BytesIO()
        with pd.ExcelWriter(buf, engine="openpyxl") as xl:
            for sheet, frame in context["sheets"].items():
                frame.to_excel(xl, sheet_name=sheet, index=False)
        outputs[args.out / f"{base}.xlsx"] = buf.getvalue()
    if "csv" in data_formats:
        frame = context["frame"][appendix.EXPORT_COLUMNS].rename(columns={"value_text": "value"})
        outputs[args.out / f"{base}.csv"] = frame.to_csv(index=False).encode("utf-8-sig")
    written = []
    if doc_formats:
        req = RenderRequest(product="appendix", context=context, title=f"指标附表 {first}–{last}", basename=base,
                            formats=parse_formats(",".join(doc_formats)), out_dir=args.out, user_templates=args.templates)
        written = run_render(args, req)
    written += [atomic_write_bytes(path, data) for path, data in outputs.items()]
    report_written(args, written)
    return 0


def add_appendix(sub) -> None:
    p = sub.add_parser("appendix", help="every figure by indicator and year, with its source (also xlsx/csv)")
    p.add_argument("--years", required=True, help="a year range, e.g. 2019-2024")
    add_render_options(p, "pdf,docx,xlsx")
    p.set_defaults(func=cmd_appendix)


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


def cmd_templates(args: argparse.Namespace) -> int:
    import shutil

    from reporter.paths import templates_dir

    folder = templates_dir()
    if args.action == "list":
        for path in sorted(folder.glob("*")):
            first = path.read_text("utf-8").splitlines()[0] if path.suffix in (".j2", ".toml") else ""
            note = re.sub(r"^\{#-?\s*|\s*-?#\}$|^#\s*", "", first)[:70]
            print(f"{path.name:22} {note}")
        return 0
    if not args.name:
        raise UserError(f"templates {args.action}: name a template, e.g. brief")
    name = args.name if args.name.endswith((".j2", ".toml")) else f"{args.name}.md.j2"
    source = folder / name
    if not source.exists():
        raise UserError(f"no template {name} in {folder} (see `reporter templates list`)")
    if args.action == "copy":
        if not args.dir:
            raise UserError("templates copy NAME DIR: say which folder to copy into")
        target = Path(args.dir) / name
        if target.exists():
            raise UserError(f"{target} exists: not overwritten")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        print(f"copied {source} -> {target}; render with --templates {args.dir}")
        return 0
    product = name.split(".")[0]
    from reporter.periods import parse_range

    first, last = parse_range(args.years)
    if product == "brief":
        from reporter.compose import brief

        context = brief.build(corpus(args), first, last)
    elif product == "appendix":
        from reporter.compose import appendix

        context = {k: v for k, v in appendix.build(corpus(args), first, last).items() if k not in ("frame", "sheets")}
    elif product == "sample":
        from reporter.compose import sample

        context = sample.build()
    else:
        raise UserError(f"{name} has no context builder (products: brief, appendix, sample)")
    context.update({"generated": "YYYY-MM-DD", "notes": "footnotes: notes.cite(text)",
                    "chart": "chart(title, x, series, unit, unit_right)"})
    print("\n".join(describe(context)))
    return 0


def add_templates(sub) -> None:
    p = sub.add_parser("templates", help="list, copy or inspect the product templates")
    p.add_argument("action", choices=["list", "copy", "context"])
    p.add_argument("name", nargs="?", help="template or product name, e.g. brief")
    p.add_argument("dir", nargs="?", help="with copy: the folder to copy into (use it as --templates)")
    p.add_argument("--years", default="2021-2024", help="with context: the years to build the context for")
    p.set_defaults(func=cmd_templates)


register_commands = [add_render, add_brief, add_appendix, add_templates]
