"""Preview benchmark: save -> page updated in a real browser, for the brief.

A `reporter preview brief` process serves the page; headless Chromium (Debian's, driven by
Playwright) shows it. Each edit writes a template block (or screen.css) with a new marker and the
clock runs until the marker is on the page (no reload: the page is pushed by Server-Sent Events).
Anchor in the same run: one whole `reporter brief --format html` process, and the server's own
render time per edit (from its log).

Run: .venv/bin/python benchmarks/preview.py [--edits 20]
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def start_preview(env: dict, store: Path, templates: Path) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen([sys.executable, "-m", "reporter", "--store", str(store), "preview", "brief",
                             "--years", "2021-2024", "--templates", str(templates)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
    for line in proc.stdout:
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        if found:
            return proc, found.group(0)
    raise SystemExit("the preview printed no URL")


def edits(page, count: int, save, shown: str) -> list[float]:
    """Seconds from each save to the marker being on the page."""
    times = []
    for n in range(count):
        marker = f"m{n}x{int(time.time() * 1000) % 100000}"
        start = time.perf_counter()
        save(marker)
        page.wait_for_function(shown, arg=marker, timeout=30000, polling="raf")
        times.append(time.perf_counter() - start)
        time.sleep(0.3)  # an editor does not save 20 times a second
    return times


def summary(name: str, times: list[float]) -> str:
    return f"{name}: median {statistics.median(times):.3f} s, max {max(times):.3f} s over {len(times)} edits"


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--edits", type=int, default=20)
    count = parser.parse_args().edits
    with tempfile.TemporaryDirectory() as tmp:
        home, store, mine = Path(tmp) / "home", Path(tmp) / "store.db", Path(tmp) / "mine"
        for part in ("templates", "styles", "seeds"):
            shutil.copytree(ROOT / part, home / part)
        mine.mkdir()
        env = {**os.environ, "PYTHONPATH": str(ROOT), "REPORTER_HOME": str(home), "PYTHONUNBUFFERED": "1"}
        subprocess.run([sys.executable, "-m", "reporter", "-q", "--store", str(store), "ingest"], env=env, check=True)

        anchor = []
        for _ in range(5):  # the standard: median of 5 whole processes
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "reporter", "-q", "--store", str(store), "brief", "--years", "2021-2024",
                            "--format", "html", "--out", str(Path(tmp) / "out")], env=env, check=True)
            anchor.append(time.perf_counter() - start)

        block = mine / "brief.md.j2"
        block.write_text("{% block headline_intro %}\n说明 start\n{% endblock %}\n", "utf-8")
        css = home / "styles" / "screen.css"
        original_css = css.read_text("utf-8")
        proc, url = start_preview(env, store, mine)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM)
                page = browser.new_page()
                page.goto(url)
                page.wait_for_function("document.body.innerText.includes('说明 start')")
                template = edits(page, count, lambda m: block.write_text(
                    "{% block headline_intro %}\n说明 " + m + "\n{% endblock %}\n", "utf-8"),
                    "m => document.body.innerText.includes(m)")
                style = edits(page, max(5, count // 2), lambda m: css.write_text(
                    original_css + "\nbody { --bench: " + m + "; }\n", "utf-8"),
                    "m => getComputedStyle(document.body).getPropertyValue('--bench').trim() === m")
                browser.close()
        finally:
            proc.terminate()
            log = proc.communicate(timeout=10)[0]
        server = [float(x) for x in re.findall(r"rendered again \(render\) in ([\d.]+) s", log)]
    print(summary("template edit -> page updated", template))
    print(summary("screen.css edit -> page updated", style))
    print(f"anchor: the server's own re-render: median {statistics.median(server):.3f} s; "
          f"a whole `reporter brief --format html` process: median {statistics.median(anchor):.2f} s of {len(anchor)}")


if __name__ == "__main__":
    main()
