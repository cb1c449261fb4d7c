"""`reporter preview`: a real server process, a real headless Chromium, real files edited on disk."""
from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


class Preview:
    """`reporter preview ...` as a child process; its URL read from its first line."""

    def __init__(self, store: Path, *args: str):
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "reporter", "--store", str(store), "preview", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
        self.lines: list[str] = []
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = self.proc.stdout.readline()
            if not line:
                break
            self.lines.append(line)
            found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
            if found:
                self.url, self.port = found.group(0), int(found.group(1))
                return
        self.stop()
        raise AssertionError("the preview printed no URL:\n" + "".join(self.lines))

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def raw_get(port: int, target: str, host: str | None = None) -> int:
    """The status of a GET sent byte for byte (clients would normalise '..' away)."""
    host = host or f"127.0.0.1:{port}"
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode("latin-1"))
        head = sock.recv(1024).decode("latin-1")
    return int(head.split()[1])


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening socket on port, from /proc/net/tcp and tcp6."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hexport = local.rsplit(":", 1)
            if state == "0A" and int(hexport, 16) == port:
                found.add(address)
    return found


@pytest.fixture()
def templates(tmp_path):
    folder = tmp_path / "tpl"
    folder.mkdir()
    return folder


def write_block(folder: Path, *lines: str) -> Path:
    """A user brief.md.j2 overriding one block, saved whole by a rename as many editors do (so the
    server never sees half a file)."""
    path = folder / "brief.md.j2"
    temp = folder / ".brief.md.j2.tmp"
    temp.write_text("{% block headline_intro %}\n" + "\n".join(lines) + "\n{% endblock %}\n", "utf-8")
    os.replace(temp, path)
    return path


def wait_js(page, expression: str, arg=None, timeout: float = 20000) -> None:
    """Until `expression` is true in the page, polled from here: Playwright's wait_for_function
    evals its predicate inside the page, which the page's Content-Security-Policy forbids (as it
    should), while page.evaluate goes through the debugger protocol."""
    deadline = time.monotonic() + timeout / 1000
    while True:
        if (page.evaluate(expression, arg) if arg is not None else page.evaluate(expression)):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {expression}")
        time.sleep(0.1)


def wait_for_panel(page, line: str, text: str, part: str = "") -> None:
    """Until the panel shows `text` (in `part` of it) at `line`."""
    wait_js(
        page, "([line, text, part]) => { const p = document.getElementById('reporter-problem');"
        " const el = p && (part ? p.querySelector(part) : p);"
        " return el && p.dataset.line === line && el.innerText.includes(text); }",
        arg=[line, text, part], timeout=20000)


def test_edit_shows_without_reload_and_errors_show_in_a_panel(store, templates, tmp_path, chromium):
    from playwright.sync_api import sync_playwright

    write_block(templates, "最初的说明。")
    preview = Preview(store, "brief", "--templates", str(templates))
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=chromium)
            page = browser.new_page(viewport={"width": 1000, "height": 800})
            page.goto(preview.url)
            wait_js(page, "document.body.innerText.includes('最初的说明')")
            page.evaluate("window.__same_page = 'yes'")  # gone if the page were loaded again

            write_block(templates, "编辑后的说明：第一处修改。")
            wait_js(page, "document.body.innerText.includes('第一处修改')")
            assert "最初的说明" not in page.inner_text("body")
            assert page.evaluate("window.__same_page") == "yes"

            path = write_block(templates, "编辑后的说明：第一处修改。", "{{ gdpp }}")
            wait_for_panel(page, "3", "gdpp")
            panel = page.query_selector("#reporter-problem")
            assert panel.get_attribute("data-file") == str(path)
            text = panel.inner_text()
            assert f"{path}:3" in text and "gdpp" in text and "names available" in text
            assert page.inner_text("#reporter-problem pre .bad").strip().endswith("{{ gdpp }}")
            assert "第一处修改" in page.inner_text("main")  # the last good render stays underneath
            page.screenshot(path=str(tmp_path / "panel.png"))
            assert (tmp_path / "panel.png").stat().st_size > 10_000

            write_block(templates, "编辑后的说明：第一处修改。", "{% if x %}")  # a syntax error, then a filter failing
            wait_for_panel(page, "4", "syntax", ".message")  # line 4: where Jinja finds the {% if %} unclosed
            write_block(templates, "编辑后的说明：第一处修改。", "{{ 'not a date' | date_zh }}")
            wait_for_panel(page, "3", "date_zh", ".hint")

            write_block(templates, "修好了：第二处修改。")
            wait_js(page, "!document.getElementById('reporter-problem') && "
                          "document.body.innerText.includes('第二处修改')")
            assert page.evaluate("window.__same_page") == "yes"
            browser.close()
    finally:
        preview.stop()


def test_print_view_and_docx_download(store, templates):
    import urllib.request

    preview = Preview(store, "sample", "--templates", str(templates))  # any product: the sample is the quickest
    try:
        html = urllib.request.urlopen(preview.url + "print", timeout=120).read().decode("utf-8")
        pages = re.findall(r'src="(/files/[^"]+\.png)"', html)
        docx = re.search(r'href="(/files/[^"]+\.docx)"', html).group(1)
        pdf = re.search(r'href="(/files/[^"]+\.pdf)"', html).group(1)
        info = subprocess.run(["pdfinfo", "-"], input=urllib.request.urlopen(preview.url + pdf.lstrip("/")).read(),
                              capture_output=True, check=True).stdout.decode()
        assert len(pages) == int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 2  # one image per PDF page
        png = urllib.request.urlopen(preview.url + pages[0].lstrip("/"), timeout=30).read()
        assert png.startswith(b"\x89PNG")
        data = urllib.request.urlopen(preview.url + docx.lstrip("/"), timeout=30).read()
        assert data.startswith(b"PK")
    finally:
        preview.stop()


def test_serves_nothing_outside_its_folders_and_only_on_loopback(store, templates):
    preview = Preview(store, "brief", "--templates", str(templates), "--years", "2023-2024")
    try:
        assert listening_addresses(preview.port) == {"0100007F"}  # 127.0.0.1, nothing else
        assert raw_get(preview.port, "/styles/screen.css") == 200  # the folders do serve
        assert raw_get(preview.port, "/", host=f"localhost:{preview.port}") == 200
        assert raw_get(preview.port, "/", host=f"evil.example:{preview.port}") == 403  # DNS rebinding
        for target in ["/../../etc/passwd", "/etc/passwd", "//etc/passwd", "/styles/../../../../etc/passwd",
                       "/styles/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/files/..%2f..%2f..%2fetc/passwd",
                       "/styles//etc/passwd", "/styles/%2fetc%2fpasswd", "/files/" + str(ROOT / "pyproject.toml"),
                       "http://127.0.0.1/etc/passwd", "/styles/..\\..\\pyproject.toml", "/styles/"]:
            assert raw_get(preview.port, target) == 404, target
    finally:
        preview.stop()


OWN_REPORT = """关于东城区2030年国民经济和社会发展计划执行情况与2031年国民经济和社会发展计划的报告

——2031年1月5日在东城区人民代表大会第二次会议上

各位代表：

一、2030年国民经济和社会发展计划执行情况

全年地区生产总值达到{gdp}亿元、增长4.2%。

二、2031年国民经济和社会发展目标任务及主要举措

地区生产总值增速安排4%左右。
"""


def test_refresh_levels_reread_only_what_changed(tmp_path, monkeypatch):
    """A template edit renders from memory (the store is not read); a source edit re-ingests."""
    from reporter.app import ingest as ingest_module
    from reporter.app.ingest import IngestOptions, ingest
    from reporter.app.preview import Previewer, PreviewOptions, watch_plan
    from reporter.settings import Settings

    source = tmp_path / "src" / "own.txt"
    source.parent.mkdir()
    source.write_text(OWN_REPORT.format(gdp="3210.5"), "utf-8")
    store = tmp_path / "store.db"
    ingest(IngestOptions(Settings(store=store), paths=[str(source.parent)]))
    mine = tmp_path / "tpl"
    mine.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    p = Previewer(PreviewOptions(product="brief", settings=Settings(store=store, templates=mine)), out)
    p.refresh("context")
    assert p.problem is None and "3,210.5" in p.html and p.render_opts.options["years"] == "2030-2031"  # from the corpus: reviewed 2030, planned 2031

    plan = watch_plan(p)
    assert plan.level(mine / "brief.md.j2") == "render"
    assert plan.level(mine / "messages" / "zh.toml") == "context"
    assert plan.level(source) == "corpus"
    assert plan.level(store) == "store"
    assert plan.level(tmp_path / "elsewhere.txt") is None
    assert plan.level(plan.data / "termbase.csv") == "corpus"
    assert plan.level(mine / ".brief.md.j2.tmp") is None and plan.level(mine / "brief.md.j2~") is None
    plan.inputs = {(tmp_path / "terms.csv").resolve()}  # a file named by a product option (summary --termbase)
    assert plan.level(tmp_path / "terms.csv") == "context"
    assert plan.level(plan.data / "indicators.toml") == "corpus"

    reads = []
    real = ingest_module.Store.reports
    monkeypatch.setattr(ingest_module.Store, "reports", lambda self: reads.append(1) or real(self))
    write_block(mine, "模板改了。")
    p.refresh("render")
    assert "模板改了" in p.html and not reads  # the store was not read again

    source.write_text(OWN_REPORT.format(gdp="3300.8"), "utf-8")
    p.refresh("corpus")
    assert p.problem is None and "3,300.8" in p.html and "3,210.5" not in p.html and reads
    version = p.version
    p.refresh("store")  # our own ingest touched the store: same reports, nothing to do
    assert p.version == version


def test_decorate_adds_panel_notices_and_script_to_the_served_copy_only():
    from reporter.app.preview_page import decorate
    from reporter.render.problems import SourceLine, TemplateProblem

    page = '<!DOCTYPE html><html><head><meta charset="utf-8"><title>x</title></head><body class="screen"><main>正文</main></body></html>'
    problem = TemplateProblem("/t/brief.md.j2", 2, "'gdp' is undefined", "`gdp` is not defined here",
                              (SourceLine(1, "a", False), SourceLine(2, "{{ gdp <b> }}", True)))
    served = decorate(page, problem, 7, notices=["note: no source covers 2026"])
    assert served.index('<body class="screen">') < served.index('id="reporter-problem"') < served.index("<main>正文")
    assert 'data-line="2"' in served and "&gt; " in served and "{{ gdp &lt;b&gt; }}" in served
    assert "<code>gdp</code>" in served and "note: no source covers 2026" in served
    assert "var version = 7;" in served and served.index("<meta charset") < served.index("reporter-preview-style")
    assert "Below: the last good render" in served
    assert "reporter" not in page  # the rendered page itself is untouched
