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
    """The stored reports; an empty store is filled from seeds/ first, so the brief works at once."""
    from reporter.cli import cmd_ingest
    from reporter.paths import seeds_dir
    from reporter.store import Store

    from reporter.parse import parser_fingerprint

    store = Store(args.store)
    if not store.reports() or store.fingerprint() != parser_fingerprint():
        sources = [r.source for r in store.reports() if Path(r.source).exists()] or [str(seeds_dir())]
        cmd_ingest(argparse.Namespace(store=args.store, paths=sources, quiet=True))
    return store.reports()


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


register_commands = [add_render, add_brief, add_appendix]
