"""The helper processes one-shot commands start (the PDF layout, the charts) give the same
outputs as rendering in one process, errors in them come back as one line, and no process
outlives the render."""
from __future__ import annotations

import os
import subprocess

from reporter.allowlist import AllowList
from reporter.paths import styles_dir, templates_dir
from reporter.writers.pdf import layout
from reporter.writers.pdf_process import PdfProcess

HTML = "<html lang='zh-CN'><body><h1>地区生产总值</h1><p>5,408.1 亿元，增长 7.6%。</p></body></html>"


def roots():
    return [templates_dir(), styles_dir()]


def children() -> list[str]:
    out = subprocess.run(["ps", "-o", "args=", "--ppid", str(os.getpid())], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if "pdf_process" in line or "chart_process" in line]


def test_the_pdf_process_gives_the_same_bytes(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    css = styles_dir() / "print.css"
    here = layout(HTML, css, AllowList(roots()))
    there = PdfProcess(css, roots()).start()
    there.send(HTML, css, AllowList(roots()))
    assert there.result() == here
    assert here.startswith(b"%PDF") and children() == []


def test_a_refused_fetch_in_the_pdf_process_is_one_line():
    css = styles_dir() / "print.css"
    proc = PdfProcess(css, roots()).start()
    proc.send("<p><img src='file:///etc/passwd'></p>", css, AllowList(roots()))
    try:
        proc.result()
    except Exception as e:
        assert type(e).__name__ == "RefusedFetch" or "refused to fetch file:///etc/passwd" in str(e), e
    else:
        raise AssertionError("the refused fetch was not reported")
    assert children() == []


def test_a_pdf_process_that_is_gone_falls_back_to_this_one(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    css = styles_dir() / "print.css"
    proc = PdfProcess(css, roots()).start()
    proc.proc.kill()  # e.g. killed by the OOM killer before the page arrives
    proc.send(HTML, css, AllowList(roots()))
    assert proc.result() == layout(HTML, css, AllowList(roots()))
    assert children() == []


def test_closing_before_sending_leaves_no_process():
    proc = PdfProcess(styles_dir() / "print.css", roots()).start()
    proc.close()
    assert children() == []


def test_killing_the_command_takes_the_pdf_process_with_it(tmp_path, seeds):
    """SIGKILL of `reporter brief` (a user's kill -9, the OOM killer): no layout process lingers."""
    import signal
    import sys
    import time

    store = tmp_path / "s.db"
    subprocess.run([sys.executable, "-m", "reporter", "-q", "--store", str(store), "ingest", str(seeds)], check=True)
    cmd = [sys.executable, "-m", "reporter", "-q", "--store", str(store), "brief", "--years", "2021-2024",
           "--format", "pdf", "--out", str(tmp_path / "out")]
    proc = subprocess.Popen(cmd)

    def layout_children() -> list[str]:
        out = subprocess.run(["ps", "-o", "pid=,args=", "--ppid", str(proc.pid)], capture_output=True, text=True)
        return [line for line in out.stdout.splitlines() if "pdf_process" in line]

    deadline = time.monotonic() + 60
    while not layout_children() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    found = layout_children()
    assert found, "the brief started no PDF process"
    child = int(found[0].split()[0])
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        if open(f"/proc/{child}/stat").read().split()[2] == "Z":  # a zombie until init reaps it: dead
            break
        time.sleep(0.05)
    else:
        raise AssertionError("the PDF process outlived the killed command")


def test_outputs_are_the_same_with_and_without_helper_processes(tmp_path, seeds, monkeypatch):
    import zipfile
    from pathlib import Path

    from reporter.app.ingest import IngestOptions, ingest
    from reporter.app.render import RenderOptions, render_product
    from reporter.settings import Settings

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    store = tmp_path / "s.db"
    ingest(IngestOptions(Settings(store=store), paths=[seeds], quiet=True))
    outs = {}
    for helpers in (False, True):
        out = tmp_path / str(helpers)
        result = render_product(RenderOptions(product="brief", settings=Settings(store=store, out=out), options={"years": "2021-2024"},
                                              formats="pdf,docx,md,html", helpers=helpers))
        assert len(result.paths) == 4
        outs[helpers] = out
    for fmt in ("pdf", "md", "html"):
        assert (outs[True] / f"brief-西城区-2021-2024.{fmt}").read_bytes() == (outs[False] / f"brief-西城区-2021-2024.{fmt}").read_bytes()
    media = [sorted((n, z.read(n)) for n in z.namelist() if n.startswith("word/media/"))
             for z in (zipfile.ZipFile(outs[h] / "brief-西城区-2021-2024.docx") for h in (False, True))]
    assert media[0] == media[1] and len(media[0]) >= 3
    assert "reporter chart" not in (outs[True] / "brief-西城区-2021-2024.md").read_text("utf-8")
    assert children() == []


def test_a_bad_chart_call_names_the_template_line_with_the_chart_process(tmp_path, capsys):
    from reporter.cli import main

    user = tmp_path / "t"
    user.mkdir()
    (user / "sample.md.j2").write_text('{% extends "_base.md.j2" %}{% block body %}\n# T\n\n'
                                       '{{ chart(title="x", x=["2021"], series=[{"name": "a", "values": ["abc"]}]) }}\n'
                                       '{% endblock %}\n', "utf-8")
    code = main(["render", "sample", "--templates", str(user), "--out", str(tmp_path / "o"), "--format", "docx"])
    err = capsys.readouterr().err
    assert code == 1 and "sample.md.j2:4: could not convert string to float" in err, err


def test_a_chart_process_that_is_gone_leaves_the_charts_to_this_one():
    from reporter.render.chart_process import ChartProcess
    from reporter.render.charts import Charts, Series, draw_png

    proc = ChartProcess().start()
    charts = Charts(_process=proc)
    series = [Series("a", [1.0, 2.0], "bar")]
    markup = charts("t", ["2021", "2022"], series)
    assert "reporter chart" not in str(markup) or charts._pending
    proc.helper.proc.kill()  # dies before replying

    class Doc:  # the two things resolve() touches
        markdown = str(markup)

        class body:
            @staticmethod
            def iter(tag):
                return []

    doc = Doc()
    charts.resolve(doc)
    assert charts.png("chart-1") == draw_png(["2021", "2022"], series)
    assert "data:image/png;base64,iVBOR" in doc.markdown
    proc.close()
    assert children() == []
