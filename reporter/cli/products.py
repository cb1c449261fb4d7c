"""The product commands, generated from the product registry (one subcommand per product, and
`render NAME`), and `preview NAME`: arguments in, reporter/app/render.py and preview.py do the work."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reporter.cli.common import option_type, say
from reporter.errors import UsageError, UserError


def report_written(args: argparse.Namespace, paths: list[Path]) -> None:
    for path in paths:
        say(args, f"wrote {path} ({path.stat().st_size / 1024:.0f} KiB)")


def run_product(args: argparse.Namespace, name: str) -> int:
    from reporter.app.plugins import get
    from reporter.app.render import RenderOptions, render_product

    product = get(name)
    opts = RenderOptions(
        product=name, settings=args.settings,
        options={o.name: getattr(args, o.name.replace("-", "_"), None) for o in product.options},
        formats=args.format, force=args.force, progress=not args.quiet and sys.stderr.isatty(), helpers=True)
    result = render_product(opts)
    if not args.quiet:
        for notice in result.notices:
            print(notice, file=sys.stderr)
    if args.verbose:
        print(" ".join(f"{k}={v:.2f}s" for k, v in result.timings.items()), file=sys.stderr)
    report_written(args, result.paths)
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    """`reporter render NAME` (or a template path): any registered product, default options."""
    import re

    args.product = re.sub(r"\.md\.j2$", "", Path(args.template).name)
    return run_product(args, args.product)


def add_render_options(p: argparse.ArgumentParser, default_formats: str, data_formats: tuple[str, ...] = ()) -> None:
    from reporter.app.render import document_formats

    choices = ",".join((*document_formats(), *data_formats))
    p.add_argument("--format", default=None, help=f"comma-separated: {choices} (default {default_formats})")
    p.add_argument("--out", type=Path, default=None, help="output folder (default build/, or out in reporter.toml)")
    p.add_argument("--templates", type=Path, help="a folder of templates that override templates/ (whole files or single blocks)")
    p.add_argument("--styles", type=Path, help="a folder whose print.css, screen.css, reference.docx or docx.toml replace styles/ ones")
    p.add_argument("--force", action="store_true", help="allow a year range of more than 50 years")
    p.add_argument("--lang", help="the product's language: zh | en (| zh,en side by side where the product is "
                                  "bilingual; default: the product's)")
    p.add_argument("--termbase", type=Path, help="your term-base CSV over the package's (default ./termbase.csv "
                                                 "if present; see `reporter terms review`)")


def add_product_commands(sub, common, filled: set[str] = frozenset()) -> None:
    """One subcommand per registered product; an option reporter.toml supplies is not required."""
    from reporter.app.plugins import products

    for product in products():
        p = sub.add_parser(product.name, help=product.description, description=product.description, parents=[common])
        for opt in product.options:
            p.add_argument(f"--{opt.name}", type=option_type(opt.parse), required=opt.required and opt.name not in filled,
                           default=opt.default, help=opt.help)
        add_render_options(p, product.default_formats, product.data_formats)
        p.set_defaults(format_check=(product.name, product.data_formats))
        p.set_defaults(func=lambda a, name=product.name: run_product(a, name))
    p = sub.add_parser("render", help="render any product with its default options, e.g. `render sample`", parents=[common])
    p.add_argument("template", help="product name or template path, e.g. sample or templates/sample.md.j2")
    p.add_argument("--parts", default="1", help="with sample: repeat the body N times")
    add_render_options(p, "the product's")
    p.set_defaults(func=cmd_render)


def check_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Usage errors argparse cannot see alone (a --format outside the product's formats)."""
    check = getattr(args, "format_check", None)
    if check and getattr(args, "format", None):
        from reporter.app.render import split_formats

        try:
            split_formats(args.format, check[1])
        except UserError as exc:
            raise UsageError(str(exc)) from exc


def cmd_preview(args: argparse.Namespace) -> int:
    from reporter.app.preview import PreviewOptions, serve

    product = args.preview_product
    opts = PreviewOptions(product=product.name, settings=args.settings,
                          options={o.name: getattr(args, o.name.replace("-", "_"), None) for o in product.options},
                          port=args.port)
    serve(opts, say=lambda text: print(text, flush=True), open_browser=args.open)
    return 0


def add_preview_command(sub, common) -> None:
    """`reporter preview NAME [its options]`: one sub-command per registered product."""
    from reporter.app.plugins import products

    p = sub.add_parser("preview", help="a live HTML preview of a product that reloads as you save", parents=[common])
    names = p.add_subparsers(dest="preview_name", metavar="NAME", required=True)
    for product in products():
        q = names.add_parser(product.name, help=product.description, parents=[common])
        for opt in product.options:
            q.add_argument(f"--{opt.name}", type=option_type(opt.parse), default=opt.default,
                           help=opt.help + (" (default: from the corpus)" if opt.required else ""))
        q.add_argument("--templates", type=Path, help="a folder of templates that override templates/")
        q.add_argument("--lang", help="the product's language (zh | en | zh,en where bilingual; default the product's)")
        q.add_argument("--port", type=int, default=0, help="port on 127.0.0.1 (default: a free one)")
        q.add_argument("--open", action="store_true", help="open the page in the default browser")
        q.set_defaults(func=cmd_preview, preview_product=product)
