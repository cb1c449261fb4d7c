"""Red-team counts for issue 25 (styles and HTML): each input must be refused with one line
(UserError) or neutralised. Prints held/tried per group; `p{width:\\31 e9px}` is an identifier,
not a length, which WeasyPrint ignores (counted as not held here, harmless).

Run: PYTHONPATH=$PWD .venv/bin/python scripts/redteam_hostile.py
"""
import os
import re
import resource
import tempfile
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (3 * 2**30, 3 * 2**30))
from reporter.errors import UserError
from reporter.writers.css import check_stylesheet, check_inline, check_fetches
from reporter.allowlist import AllowList
from reporter.paths import templates_dir, styles_dir
folder = Path(tempfile.mkdtemp(prefix="redteam-"))
(folder / "big.css").write_text("main{width:1e9px}"); (folder / "loop.css").write_text("@import 'loop.css'; p{width:calc(10000px*99999)}")
(folder / "deep.css").write_text("@import 'big.css';")
try:
    os.symlink("/etc/passwd", folder / "link.css")
except FileExistsError:
    pass
CSS = ["@import 'big.css';", "@import url(big.css);", "@import url('big.css');", "@import 'deep.css';", "@import 'loop.css';",
 "@import 'link.css';", "@import '../../../../etc/passwd';", "@import '/etc/passwd';", "@import 'file:///etc/passwd';",
 "@import 'http://e.example/x.css';", r"@\69mport 'big.css';", "@media print { @import 'big.css'; }",
 "main{width:calc(10000px * 999999)}", "main{width:calc(1e4px*1e4*1e4)}", "main{width:min(1e9px, 100%)}", "main{width:max(10000px*9999)}",
 "main{width:clamp(1px, 10000px * 99999, 2px)}", "main{width:var(--x)}", ":root{--x:1e9px}", "main{width:calc(var(--a)*9)}",
 "@page{size:0 0}", "@page{size:0}", "@page{size:A10}", "@page{size:a9 landscape}", "@page{size:50mm;margin:40mm}",
 "@page{size:A4;margin:0 150mm}", "@page{margin-left:200mm}", "@page{size:1mm 1000mm}", "@page :first{size:20mm}",
 "@page{size:letter;margin:90mm 20mm}", "@page{size:A4; margin: 50% 50%}",
 "p{font-size:1000em}", "p{font-size:100000%}", "p{font:1000em serif}", "p{font-size:5rem}", "p{font-size:10000pt}",
 "p{font-size:calc(1em*1000)}", "p{width:" + "calc(" * 50 + "1px" + ")" * 50 + "}", "@media print{" * 50 + "p{color:red}" + "}" * 50,
 "p{letter-spacing:1e9px}", "p{column-count:1e9}", "table{border-spacing:1e7px}", "p{line-height:1e9}", "img{width:999999999in}",
 "p{margin:-1e9px}", "p{transform:scale(1e9)}", "p{width:1e9Q}", "p{width:\\31 e9px}"]
css_held = 0
for c in CSS:
    try:
        check_stylesheet(c, "print.css", folder); print("NOT HELD css:", c)
    except UserError:
        css_held += 1
    except Exception as e:
        print("TRACEBACK css:", c, type(e).__name__, e)
print(f"CSS: {css_held}/{len(CSS)} held")
INLINE = ["font-size:1000em", "width:calc(10000px*999999)", "width:var(--a)", r"background:u\72l(http://e.example/x)",
  "background:image-set('http://e.example/x' 1x)", "background:url(//e.example/x)", "background:url('\\\\e.example\\x')",
  "background:url(/etc/passwd)", "background:-webkit-image-set(url(http://e.example/x) 1x)", "src:url(http://e.example/f.woff)"]
allow = AllowList([templates_dir(), styles_dir()])
inl_held = 0
for c in INLINE:
    try:
        check_inline(c); check_fetches(c, allow, Path(".")); print("NOT HELD inline:", c)
    except UserError:
        inl_held += 1
print(f"inline CSS: {inl_held}/{len(INLINE)} held")
# HTML: sanitiser + layout
from reporter.render.markdown import sanitise, check_data_image
import base64
HTML = [r'<div style="background: u\72l(http://e.example/x.png)">x</div>', "<div style=\"background-image: image-set('http://e.example/x.png' 1x)\">x</div>",
 r'<img src="\\e.example\x.png">', '<img src="/\\e.example/x.png">', '<img src="//e.example/x.png">', '<img src="	//e.example/x.png">',
 '<img src="http://e.example/x.png">', '<img src="file:///etc/passwd">', '<img src="/etc/passwd">',
 '<img src="data:image/svg+xml;base64,' + base64.b64encode(b'<svg><g id="a"/><use href="#a"/></svg>').decode() + '">',
 '<img src="data:image/svg+xml,%3Csvg%3E%3Cuse href=%22%23a%22/%3E%3C/svg%3E">',
 '<img src="data:image/svg+xml,<!DOCTYPE x [<!ENTITY a \'b\'>]><svg/>">']
held = 0
for h in HTML:
    try:
        sanitise(h, allow); print("NOT HELD html:", h[:60])
    except UserError:
        held += 1
print(f"body HTML: {held}/{len(HTML)} held")
from reporter.render.layout import sanitise_shell
SHELL = ["<html><head><script>alert(1)</script></head><body>T</body></html>", '<html><head><link rel=stylesheet href="http://e.example/x.css"></head><body>T</body></html>',
 '<html><head><meta http-equiv="refresh" content="0;url=http://e.example"></head><body>T</body></html>', '<html><body onload="alert(1)">T</body></html>',
 '<html><body><iframe src="http://e.example"></iframe>T</body></html>', '<html><body><svg><script>alert(1)</script></svg>T</body></html>',
 '<html><head><base href="http://e.example/"></head><body>T</body></html>', '<html><body><a href="javascript:alert(1)">T</a></body></html>',
 '<html><body><object data="http://e.example/x"></object>T</body></html>', '<html><head><style>@import url(http://e.example/x.css)</style></head><body>T</body></html>',
 '<html><body><form action="http://e.example"><input></form>T</body></html>', '<html><body><div title="TOKEN">T</div></body></html>',
 '<html><body><math><mi xlink:href="javascript:alert(1)">x</mi></math>T</body></html>', '<html><body><img srcset="http://e.example/x 1x">T</body></html>',
 '<html><body><video poster="http://e.example/x"></video>T</body></html>', '<html><body><img src="http://e.example/x.png">T</body></html>',
 '<html><body><div style="background:url(http://e.example/x)">T</div></body></html>']
held = 0
for h in SHELL:
    try:
        out = sanitise_shell(h, allow, "CSSTOKEN", "TOKEN")
        bad = re.search(r"<script|<link|<iframe|<object|<base|<form|<svg|<math|http-equiv=\"refresh|onload|javascript:|srcset|poster|e\.example|TOKEN\"", out)
        if bad: print("NOT HELD shell:", h[:60], bad.group(0))
        else: held += 1
    except UserError:
        held += 1
print(f"layout HTML: {held}/{len(SHELL)} held")
