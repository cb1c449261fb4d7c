"""The shape of the code: layers point one way, no import cycles, and adding a product is one
context builder + one template + one registry entry (the recipe in docs/ARCHITECTURE.md)."""
import ast
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from pypdf import PdfReader

from reporter.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    """import-linter's contracts in pyproject.toml: a layer violation fails here."""
    lint = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "0 broken" in run.stdout


def _module_name(path: Path) -> str:
    parts = list(path.with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _file_graph(root: Path) -> dict[str, set[str]]:
    """Module -> the modules of reporter whose code its import statements run or read, lazy
    imports inside functions included (they hide circles, they do not remove them); imports under
    `if TYPE_CHECKING:` never run and are left out. `from pkg import x` reads pkg's namespace, so it
    counts as importing pkg (its __init__) as well as pkg.x when x is a module."""
    files = {_module_name(p.relative_to(root.parent)): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in files}
    for mod, path in files.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = {id(n) for block in ast.walk(tree)
                if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
                for stmt in block.body for n in ast.walk(stmt)}
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join(anchor + ([base] if base else []))
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            else:
                continue
            graph[mod].update(t for t in targets if t in files and t != mod)
    return graph


def test_no_import_cycle_between_files():
    """No module of reporter reaches itself through imports: the registry does not import its
    entries, a package's modules do not read the package that imports them."""
    graph = _file_graph(ROOT / "reporter")
    cycles = []
    for start in sorted(graph):
        stack, seen = [(start, [start])], {start}
        while stack:
            node, path = stack.pop()
            for nxt in sorted(graph[node]):
                if nxt == start:
                    cycles.append(" -> ".join(path + [nxt]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, path + [nxt]))
    assert not cycles, f"{len(cycles)} import cycles, e.g. {cycles[:4]}"


def test_an_installed_package_adds_a_product_through_the_entry_point_group(tmp_path, monkeypatch):
    """A product of another package: one entry point in `reporter.products`, no edit to reporter."""
    from reporter.app import plugins

    (tmp_path / "toy_products.py").write_text(
        "from reporter.app.products import Built, Product\n"
        "PRODUCT = Product(name='toy', description='a toy', build=lambda req: Built({}, 'toy', 'toy'),\n"
        "                  template='sample', default_formats='md')\n", encoding="utf-8")
    dist = tmp_path / "toy_products-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: toy-products\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text("[reporter.products]\ntoy = toy_products:PRODUCT\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert plugins.get("toy").description == "a toy"
    assert {"brief", "appendix", "sample", "digest", "summary"} <= {p.name for p in plugins.products()}
    monkeypatch.undo()  # the package uninstalled: the next table has no toy (nothing was kept in a global)
    assert "toy" not in plugins.catalogue() and "brief" in plugins.catalogue()


def test_no_import_cycle_between_parts():
    """No two parts of reporter (reporter.X) import each other, directly or around a loop."""
    import grimp

    graph = grimp.build_graph("reporter")
    parts = sorted({".".join(m.split(".")[:2]) for m in graph.modules if m.count(".") >= 1})
    edges = {p: set() for p in parts}
    for module in graph.modules:
        src = ".".join(module.split(".")[:2])
        for imported in graph.find_modules_directly_imported_by(module):
            dst = ".".join(imported.split(".")[:2])
            if dst != src and dst in edges and src in edges:
                edges[src].add(dst)
    cycles = []

    def reach(start, node, seen, path):
        for nxt in edges[node]:
            if nxt == start:
                cycles.append(path + [nxt])
            elif nxt not in seen:
                seen.add(nxt)
                reach(start, nxt, seen, path + [nxt])

    for part in parts:
        reach(part, part, {part}, [part])
    assert not cycles, f"import cycles: {cycles[:3]}"


MEMO_TEMPLATE = """{% extends "_base.md.j2" %}
{% block body %}
## {{ heading }}

{{ lines | length }} items: {% for l in lines %}{{ l }}{{ "、" if not loop.last }}{% endfor %}
{% endblock %}
"""


MEMO_PRODUCT = """from reporter.app.products import Built, Option, Product


def build(req):
    reports = req.corpus()
    lines = [f"{r.title[:12]}" for r in reports][: int(req.options["limit"])]
    return Built({"heading": "备忘 Memo", "lines": lines}, "测试备忘录", f"memo-{req.options['limit']}")


PRODUCTS = (Product(name="memo", description="a test-only product", build=build, template="memo",
                    default_formats="html", options=(Option("limit", "how many reports", int, default="3"),)),)
"""


@pytest.fixture()
def memo_product(tmp_path, install_products):
    """A test-only product: a 10-line context builder, a 5-line template, one entry point."""
    install_products("memo_products", MEMO_PRODUCT)
    templates = tmp_path / "tpl"
    templates.mkdir()
    (templates / "memo.md.j2").write_text(MEMO_TEMPLATE, "utf-8")
    return templates


def test_a_new_product_renders_in_every_format(memo_product, tmp_path, seeds, capsys):
    store, out = tmp_path / "s.db", tmp_path / "out"
    assert main(["-q", "--store", str(store), "ingest", str(seeds)]) == 0
    code = main(["-q", "--store", str(store), "memo", "--limit", "2", "--templates", str(memo_product),
                 "--out", str(out), "--format", "html,pdf,docx,md"])
    assert code == 0, capsys.readouterr().err
    html = (out / "memo-2.html").read_text("utf-8")
    assert "备忘 Memo" in html and "2 items" in html
    pdf_text = "".join(page.extract_text() for page in PdfReader(out / "memo-2.pdf").pages)
    assert "备忘" in pdf_text and "2 items" in pdf_text
    paragraphs = [p.text for p in docx.Document(out / "memo-2.docx").paragraphs]
    assert "备忘 Memo" in paragraphs and any("2 items" in p for p in paragraphs)
    assert "2 items" in (out / "memo-2.md").read_text("utf-8")


def test_a_new_writer_is_one_module_and_one_entry(tmp_path, monkeypatch, capsys):
    """Recipe: a module with write(doc, ctx) -> bytes, and one entry in writers.WRITERS."""
    import reporter.writers as writers

    module = tmp_path / "plaintext_writer.py"
    module.write_text("def write(doc, ctx):\n    return doc.body.text_content().encode('utf-8')\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setitem(writers.WRITERS, "txt", "plaintext_writer")
    out = tmp_path / "out"
    assert main(["-q", "render", "sample", "--out", str(out), "--format", "txt"]) == 0, capsys.readouterr().err
    assert "地区生产总值" in (out / "sample.txt").read_text("utf-8")


def test_a_new_reader_is_one_module(tmp_path, monkeypatch, capsys):
    """Recipe: a module in reporter/readers/ with NAME, SUFFIXES and read(name, data) -> SourceDocument."""
    import types

    import reporter.readers as readers
    from reporter.source import Block, SourceDocument

    fake = types.ModuleType("reporter.readers.rot")
    fake.NAME, fake.SUFFIXES = "rot", (".rev",)
    fake.read = lambda name, data: SourceDocument([Block("paragraph", data.decode("utf-8")[::-1])], "rot")
    table = dict(readers.suffix_map())
    table[".rev"] = fake
    monkeypatch.setattr(readers, "suffix_map", lambda: table)
    source = tmp_path / "r.rev"
    source.write_text("。%1.8长增，元亿1.8045值总产生区地年1202"[::-1][::-1], "utf-8")
    assert main(["facts", "--source", str(source), "--format", "csv"]) == 0
    assert "5408.1" in capsys.readouterr().out
