"""The brief's, appendix's and compare's Markdown (each in Chinese and English), byte for byte,
against files kept in tests/golden/.

A change to parsing, composing or templates that alters a product shows here as a diff to read.
When the change is wanted, regenerate on purpose: `REPORTER_ACCEPT_GOLDEN=1 pytest tests/products/test_golden.py`.
"""
import os

import pytest

from reporter.cli import main

GOLDEN = os.path.join(os.path.dirname(os.path.dirname(__file__)), "golden")
CASES = [("brief", "2021-2024", "brief-西城区-2021-2024.md", "zh"), ("appendix", "2019-2024", "appendix-西城区-2019-2024.md", "zh"),
         ("brief", "2021-2024", "brief-西城区-2021-2024-en.md", "en"),
         ("appendix", "2019-2024", "appendix-西城区-2019-2024-en.md", "en"),
         ("compare", "2019-2024", "compare-北京市-西城区-2019-2024.md", "zh"),
         ("compare", "2019-2024", "compare-北京市-西城区-2019-2024-en.md", "en")]
EXTRA = {"compare": ["--areas", "北京市,西城区"]}  # the seeds' district beside the city it quotes


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, seeds):
    out = tmp_path_factory.mktemp("golden")
    store = out / "store.db"
    os.environ["SOURCE_DATE_EPOCH"] = "1767225600"  # 2026-01-01: the date line stays put
    try:
        assert main(["-q", "--store", str(store), "ingest", str(seeds)]) == 0
        for product, years, _, lang in CASES:
            assert main(["-q", "--store", str(store), product, "--years", years, *EXTRA.get(product, []),
                         "--lang", lang, "--format", "md", "--out", str(out)]) == 0
    finally:
        del os.environ["SOURCE_DATE_EPOCH"]
    return out


def normalised(text: str, seeds) -> str:
    """Machine-specific paths out, so the files compare on any checkout."""
    return text.replace(str(seeds.resolve().parent), "<ROOT>")


@pytest.mark.parametrize("product,years,name,lang", CASES)
def test_markdown_unchanged(rendered, seeds, product, years, name, lang):
    got = normalised((rendered / name).read_text("utf-8"), seeds)
    path = os.path.join(GOLDEN, name)
    if os.environ.get("REPORTER_ACCEPT_GOLDEN") or not os.path.exists(path):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(got)
        if not os.environ.get("REPORTER_ACCEPT_GOLDEN"):
            pytest.fail(f"{name}: no golden file yet; wrote one, check it in")
    with open(path, encoding="utf-8") as fh:
        want = fh.read()
    assert got == want, f"{name} differs from tests/golden/{name}; if intended, REPORTER_ACCEPT_GOLDEN=1"
