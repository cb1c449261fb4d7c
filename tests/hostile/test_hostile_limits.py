"""Issue 25, break 6: one set of limits for every render path (reporter/limits.py).

Each hostile template runs as a real command (`reporter sample --templates T`), with a safety
address-space limit on the child so a regression fails the test instead of the machine."""
from __future__ import annotations

import base64
import os
import re
import resource
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import reporter

CODE = Path(reporter.__file__).resolve().parent.parent
SAFETY_BYTES = 2500 * 2**20


def _safety() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (SAFETY_BYTES, SAFETY_BYTES))


def sample(tmp_path: Path, body: str, fmt: str = "md", timeout: float = 240, **env_extra):
    folder = tmp_path / "t"
    folder.mkdir(exist_ok=True)
    (folder / "sample.md.j2").write_text('{% extends "default/sample.md.j2" %}{% block body %}\n' + body
                                         + "\n{% endblock %}", "utf-8")
    env = {**os.environ, "PYTHONPATH": str(CODE), "REPORTER_STORE": str(tmp_path / "s.db"), **env_extra}
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "reporter", "-q", "sample", "--format", fmt, "--templates", str(folder),
                           "--out", str(tmp_path / "out")], capture_output=True, text=True, env=env,
                          timeout=timeout, preexec_fn=_safety)
    return done, time.monotonic() - start


def one_line(done) -> str:
    assert done.returncode == 1, (done.returncode, done.stderr[-1500:])
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr[-1500:]
    return lines[0]


@pytest.mark.parametrize("body", [
    "{{ 'x' * 10**8 * 30 }}",
    "{{ '%0999999999d' | format(1) }}",
    "{{ 'x' | center(999999999) }}",
    "{% set ns = namespace(s='x' * 1000) %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}",
    "{{ 10 ** 100000000 }}",
])
def test_a_template_allocation_is_refused_before_it_happens(tmp_path, body):
    done, _ = sample(tmp_path, body)
    line = one_line(done)
    assert "limit" in line or "too large" in line or "refused" in line, line
    assert "MemoryError" not in line  # refused by a check, not by running out


def test_what_no_check_sees_stops_at_the_memory_limit(tmp_path):
    # `~` joins strings without passing the sandbox's operators: the address-space limit stops it
    body = "{% set ns = namespace(s='x' * 1000000) %}{% for i in range(12) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}"
    done, _ = sample(tmp_path, body, REPORTER_MEMORY_LIMIT_MB="1200")
    line = one_line(done)
    assert "memory" in line.lower() or "limit" in line or "too much" in line, line


def test_an_endless_template_stops_at_the_time_limit(tmp_path):
    done, seconds = sample(tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
                           REPORTER_TIME_LIMIT="3")
    assert "ran for over 3 s" in one_line(done)


def test_a_chart_with_30k_points_is_refused_before_drawing(tmp_path):
    body = "{{ chart(title='t', x=range(30000)|list, series=[{'name': 'a', 'values': range(30000)|list, 'kind': 'line'}]) }}"
    done, seconds = sample(tmp_path, body, fmt="html", timeout=120)
    assert "points" in one_line(done)


def test_a_60k_row_table_is_refused_before_layout(tmp_path):
    body = "| a | b |\n|---|---|\n{% for i in range(60000) %}| {{ i }} | x |\n{% endfor %}"
    done, seconds = sample(tmp_path, body, fmt="pdf", timeout=200)
    assert "rows" in one_line(done)


def test_an_svg_use_fan_out_in_a_data_image_is_refused(tmp_path):
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
           '<g id="a"><rect width="1" height="1"/></g>'
           + "".join(f'<g id="{chr(98 + i)}"><use xlink:href="#{chr(97 + i)}"/><use xlink:href="#{chr(97 + i)}"/></g>'
                     for i in range(20)) + "</svg>")
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    done, _ = sample(tmp_path, f'<img src="{uri}" alt="x">', fmt="pdf", timeout=200)
    assert "<use>" in one_line(done)


def test_helper_processes_run_under_cpu_and_memory_limits(monkeypatch):
    from reporter.paths import styles_dir, templates_dir
    from reporter.render.chart_process import ChartProcess
    from reporter.writers.pdf_process import PdfProcess

    monkeypatch.setenv("REPORTER_MEMORY_LIMIT_MB", "3000")
    monkeypatch.setenv("REPORTER_CPU_LIMIT", "700")
    for proc in (PdfProcess(styles_dir() / "print.css", [templates_dir(), styles_dir()]).start(), ChartProcess().start()):
        try:
            pid = proc.helper.proc.pid
            deadline = time.monotonic() + 60
            limits = ""
            while time.monotonic() < deadline:  # the child sets them as it starts
                limits = Path(f"/proc/{pid}/limits").read_text()
                if re.search(r"Max address space\s+3145728000", limits):
                    break
                time.sleep(0.1)
            assert re.search(r"Max address space\s+3145728000\s+", limits), limits
            assert re.search(r"Max cpu time\s+700\s+", limits), limits
        finally:
            proc.close()


def test_a_pdf_process_over_its_cpu_limit_is_one_line_not_a_second_try(monkeypatch):
    import signal

    from reporter.allowlist import AllowList
    from reporter.errors import UserError
    from reporter.paths import styles_dir, templates_dir
    from reporter.writers.pdf_process import PdfProcess

    proc = PdfProcess(styles_dir() / "print.css", [templates_dir(), styles_dir()]).start()
    proc.helper.proc.send_signal(signal.SIGXCPU)  # what the kernel sends at RLIMIT_CPU
    proc.helper.proc.wait(30)
    proc.send("<p>x</p>", styles_dir() / "print.css", AllowList([templates_dir(), styles_dir()]))
    with pytest.raises(UserError, match="CPU limit"):
        proc.result()


# ---------------------------------------------------------------- the preview


def _get(url: str) -> tuple[str, dict]:
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.read().decode("utf-8"), dict(response.headers)


def _wait_for(url: str, test, seconds: float, poke=None) -> str:
    """Poll the page until test(page); poke() (save the file again) every 10 s, in case the
    watcher was still starting when the file was first saved."""
    deadline, page, poked = time.monotonic() + seconds, "", time.monotonic()
    while time.monotonic() < deadline:
        if poke is not None and time.monotonic() - poked > 10:
            poke()
            poked = time.monotonic()
        try:
            page, _ = _get(url)
        except OSError:
            page = ""
        if test(page):
            return page
        time.sleep(0.5)
    panel = re.search(r'<div id="reporter-problem".{0,400}', page)
    versions = re.findall(r"version \d+", page)
    raise AssertionError(f"the page never changed as expected; panel: {panel and panel.group(0)}; {versions}")


def test_the_preview_abandons_a_stuck_render_and_recovers_on_the_next_save(tmp_path):
    from reporter.cli import main

    store = tmp_path / "s.db"
    assert main(["-q", "--store", str(store), "ingest", str(CODE / "seeds")]) == 0
    folder = tmp_path / "t"
    folder.mkdir()
    template = folder / "sample.md.j2"
    good = '{% extends "default/sample.md.j2" %}{% block body %}\nversion {{ 1 + N }}\n{% endblock %}'
    template.write_text(good.replace("N", "1"), "utf-8")
    env = {**os.environ, "PYTHONPATH": str(CODE), "PYTHONUNBUFFERED": "1", "REPORTER_TIME_LIMIT": "3"}
    proc = subprocess.Popen([sys.executable, "-m", "reporter", "--store", str(store), "preview", "sample",
                             "--templates", str(folder)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=env)
    try:
        url = None
        deadline = time.monotonic() + 180
        while url is None and time.monotonic() < deadline:
            line = proc.stdout.readline()
            found = re.search(r"http://127\.0\.0\.1:\d+/", line)
            url = found.group(0) if found else None
            assert line or url, "the preview stopped"
        assert url, "no URL"
        page, headers = _get(url)
        assert "version 2" in page
        policy = headers.get("Content-Security-Policy", "")
        assert "default-src 'none'" in policy and "script-src 'nonce-" in policy
        nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
        assert f'nonce="{nonce}"' in page  # the preview's own script runs, nothing else

        loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
        stuck_text = '{% extends "default/sample.md.j2" %}{% block body %}\n' + loop + "\n{% endblock %}"
        template.write_text(stuck_text, "utf-8")
        stuck = _wait_for(url, lambda p: 'id="reporter-problem"' in p and "ran for over" in p, 120,
                          lambda: template.write_text(stuck_text, "utf-8"))
        assert "version 2" in stuck  # the last good render stays below the panel

        template.write_text(good.replace("N", "41"), "utf-8")
        _wait_for(url, lambda p: "version 42" in p and 'id="reporter-problem"' not in p, 120,
                  lambda: template.write_text(good.replace("N", "41"), "utf-8"))
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
