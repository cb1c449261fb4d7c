"""Issue 25 red-team count (hostile-a's part): escape, traversal and injection inputs, each run
through the real CLI in this process; prints how many were tried and how many held.

    PYTHONPATH=$PWD python scripts/redteam_inputs.py        # this checkout
    PYTHONPATH=/work/main python scripts/redteam_inputs.py  # another, to compare

An input "held" when the command refused it in one line (exit 1/2, no traceback, no secret in
the message or the outputs; catalogue escapes and outside files must be refused) or, for source
and sidecar text, rendered it harmlessly (literal text, no active HTML, no formula cell).
"""
from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SECRET = "TOPSECRET-7f3a"
os.environ["SECRET_FOR_REDTEAM"] = SECRET


def cli(*argv) -> tuple[int, str]:
    from reporter.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main([str(a) for a in argv])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
    return code, out.getvalue() + err.getvalue()


def outputs_text(folder: Path) -> str:
    if not folder.exists():
        return ""
    return "".join(p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file())


FAILED: list[str] = []


def note(ok: bool, what: str, said: str) -> bool:
    """Count one input; remember what did not hold (printed with -v)."""
    if not ok:
        FAILED.append(f"{what}: {said.strip().splitlines()[-1][:150] if said.strip() else '(nothing said)'}")
    return ok


def clean(code: int, text: str, out: Path) -> bool:
    return "internal error" not in text and "Traceback" not in text and SECRET not in text \
        and SECRET not in outputs_text(out) and code in (0, 1, 2)


ESCAPES = [  # catalogue text (break 1): must never be run as a format string on objects
    "{x.__func__.__globals__[Path].__new__.__globals__[os].environ[SECRET_FOR_REDTEAM]}",
    "{x.__self__.entries}", "{x.__class__.__mro__}", "{x.__func__.__globals__}", "{x.__init__.__globals__[os]}",
    "{x:>400000000}", "{x:{y}}", "{x!r}", "{x!a}", "{x[0]}", "{x[__class__]}", "{0}", "{}", "{0.__class__}",
    "{x.__func__.__code__.co_consts}", "{x:%Y}", "{x:,}", "{x:.99999999f}", "{x:_^999999}", "{x!s:>9}",
]
CALLS = ["t('leak1', x=t)", "t('leak1', x=notes)", "t('leak1', x=chart)", "t('leak1', x=lipsum)", "t('leak1', x=1)"]


def escapes(tmp: Path) -> tuple[int, int]:
    tried = held = 0
    for i, text in enumerate(ESCAPES):
        for j, call in enumerate(CALLS):
            user, out = tmp / f"e{i}-{j}", tmp / f"eo{i}-{j}"
            (user / "messages").mkdir(parents=True)
            (user / "messages" / "zh.toml").write_text(f"leak1 = {json.dumps(text)}\n", "utf-8")
            (user / "sample.md.j2").write_text("{% block body %}{{ " + call + " }}{% endblock %}", "utf-8")
            code, said = cli("render", "sample", "--templates", user, "--out", out, "--format", "md")
            written = outputs_text(out)
            tried += 1
            held += note(clean(code, said, out) and code == 1 and len(written) < 10_000_000,  # refused when loaded
                         f"catalogue {text} with {call}", said)
    return tried, held


def traversals(tmp: Path) -> tuple[int, int]:
    private = tmp / "private"
    private.mkdir()
    (private / "flat.toml").write_text(f'token = "{SECRET}"\n', "utf-8")
    (private / "x.css").write_text(f"body{{color:red}} /* {SECRET} */\n", "utf-8")
    (private / "t.csv").write_text(f"{SECRET}:x:0:0\n", "utf-8")
    shutil.copy(ROOT / "styles" / "reference.docx", private / "ref.docx")
    cases = []
    for name, target, fmt in [("screen.css", "x.css", "html"), ("print.css", "x.css", "pdf"), ("docx.toml", "flat.toml", "docx"),
                              ("reference.docx", "ref.docx", "docx")]:
        for how in ("absolute link", "relative link", "link to a link"):
            cases.append(("styles", name, target, fmt, how))
    for name in ("messages/zh.toml", "messages/en.toml", "brief.toml"):
        for how in ("absolute link", "relative link", "link to a link"):
            cases.append(("templates", name, "flat.toml", "md", how))
    tried = held = 0
    for k, (kind, name, target, fmt, how) in enumerate(cases):
        folder, out = tmp / f"tr{k}", tmp / f"tro{k}"
        (folder / "messages").mkdir(parents=True)
        link = folder / name
        if how == "absolute link":
            link.symlink_to(private / target)
        elif how == "relative link":
            link.symlink_to(os.path.relpath(private / target, link.parent))
        else:
            (folder / "hop").symlink_to(private / target)
            link.symlink_to(folder / "hop")
        product = (["--store", tmp / "s.db", "brief", "--years", "2021-2024"] if name == "brief.toml" else
                   ["--store", tmp / "s.db", "summary", "--year", "2021"] if name == "messages/en.toml" else ["render", "sample"])
        code, said = cli(*product, f"--{kind}", folder, "--out", out, "--format", fmt)
        tried += 1
        held += note(clean(code, said, out) and code == 1, f"{kind}/{name} {how}", said)
    for k, imported in enumerate(["../private/x.css", str(private / "x.css"), (private / "x.css").as_uri(),
                                  "../private/%78.css", "http://evil.example/x.css", "//evil.example/x.css"]):
        styles, out = tmp / f"im{k}", tmp / f"imo{k}"
        styles.mkdir()
        (styles / "print.css").write_text(f'@import "{imported}";\n', "utf-8")
        code, said = cli("render", "sample", "--styles", styles, "--out", out, "--format", "pdf")
        tried += 1
        held += note(clean(code, said, out) and code == 1, f"@import {imported}", said)
    for k, (option, given) in enumerate([("--termbase", private / "t.csv"), ("--termbase", Path("/etc/passwd")),
                                         ("--registry", private / "flat.toml"), ("--corrections", private / "flat.toml")]):
        link = tmp / f"given{k}" / given.name
        link.parent.mkdir()
        link.symlink_to(given)
        for path in (given, link):
            if option == "--termbase":
                code, said = cli("terms", "check", option, path)
            else:
                code, said = cli(option, path, "--store", tmp / "s.db", "appendix", "--years", "2021-2022", "--out",
                                 tmp / f"go{k}", "--format", "md")
            tried += 1
            held += note(clean(code, said, tmp / f"go{k}") and "root:" not in said and code == 1, f"{option} {path}", said)
    return tried, held


MARKDOWN_PAYLOADS = ["![](http://evil.example/x.png)", "[下载修订版](http://phish.example/login)", "<http://phish.example/>",
                     "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "[x][1]\n\n[1]: http://phish.example",
                     "`code`", "**b**", "_i_", "{: onclick=alert(1) }", "# heading", "[^1]", "&lt;b&gt;", "\\[x\\](http://e.x)",
                     "![a](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)"]
FORMULAS = ["=1+1新建项目12个。", "+1+1新建项目12个。", "-1+1新建项目12个。", "@SUM(A1)新建项目12个。",
            "=HYPERLINK(\"http://e.x\")新建项目12个。", "=cmd|' /C calc'!A0新建项目12个。"]


def injections(tmp: Path) -> tuple[int, int]:
    import openpyxl

    tried = held = 0
    for k, payload in enumerate(MARKDOWN_PAYLOADS):
        folder = tmp / f"in{k}"
        folder.mkdir()
        (folder / "r.txt").write_text("来源:某区政府\n时间:2023-01-10\n2022年政府工作报告\n一、主要工作\n全年地区生产总值增长5.2%。\n",
                                      "utf-8")
        (folder / "r.txt.meta.toml").write_text(f"title = '''{payload}'''\nissuer = '''{payload}'''\n", "utf-8")
        db = folder / "s.db"
        if cli("-q", "--store", db, "ingest", folder / "r.txt")[0] != 0:
            tried += 1
            continue
        out = folder / "o"
        code, said = cli("--store", db, "appendix", "--years", "2022-2022", "--format", "md,html,docx", "--out", out)
        html = (out / "appendix-2022-2022.html").read_text("utf-8") if (out / "appendix-2022-2022.html").exists() else ""
        body = html[html.find("<body"):]
        tried += 1
        active = re.search(r"<(script|img|code)\b|<[a-z][^>]*\s(on[a-z]+=|(src|href)=\"(http|data|x\"))", body)
        held += note(code == 0 and clean(code, said, out) and not active, f"sidecar {payload!r}", said)
    for k, line in enumerate(FORMULAS):
        folder = tmp / f"f{k}"
        folder.mkdir()
        (folder / "r.txt").write_text(f"来源:某区政府\n时间:2023-01-10\n2022年政府工作报告\n一、主要工作\n{line}\n", "utf-8")
        db = folder / "s.db"
        cli("-q", "--store", db, "ingest", folder / "r.txt")
        for fmt in ("xlsx", "csv"):
            cli("-q", "--store", db, "export", "--format", fmt, "--out", folder)
            cli("-q", "--store", db, "appendix", "--years", "2022-2022", "--format", fmt, "--out", folder)
        bad = 0
        for book in folder.glob("*.xlsx"):
            for ws in openpyxl.load_workbook(book):
                bad += sum(1 for row in ws.iter_rows() for c in row if c.data_type == "f")
        for sheet in folder.glob("*.csv"):
            bad += sum(1 for line_ in sheet.read_text("utf-8-sig").splitlines()[1:]
                       for f in line_.split(",") if f[:1] in ("=", "+", "-", "@", "\t", "\r") and not f[1:2].isdigit())
        tried += 1
        held += note(bad == 0 and any(folder.glob("*.xlsx")), f"formula {line!r}", f"{bad} formula cell(s)")
    return tried, held


def main() -> int:
    import reporter

    tmp = Path(tempfile.mkdtemp(prefix="redteam-"))
    try:
        cli("-q", "--store", tmp / "s.db", "ingest", *sorted((ROOT / "seeds").glob("*.txt"))[:2])
        print(f"reporter from {Path(reporter.__file__).parent}")
        total_t = total_h = 0
        for name, fn in (("escape (catalogue)", escapes), ("traversal (files, links, imports)", traversals),
                         ("injection (Markdown, formulas)", injections)):
            tried, held = fn(tmp)
            total_t, total_h = total_t + tried, total_h + held
            print(f"{name:36} {held:4} of {tried:4} held")
        print(f"{'all':36} {total_h:4} of {total_t:4} held")
        if "-v" in sys.argv:
            print("\n".join(FAILED))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
