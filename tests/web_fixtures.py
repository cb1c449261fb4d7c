"""A web page with government-site chrome around a seed text (issue 20): site header and
navigation, a breadcrumb (首页 > 政务公开 > …), a 发布日期 line, a share bar (分享到), related
links that carry figures of their own, and a footer with 主办单位 and ICP备 lines. Built from the
cleaned text whose facts are the gold the HTML reader is scored against."""
from __future__ import annotations

import html
from pathlib import Path

from reporter.clean import clean
from reporter.parse import parse_text

CHROME_HEAD = """<div class="header"><div class="logo">北京市某区人民政府</div>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/bs">政务服务</a></li>
<li><a href="/hd">互动交流</a></li><li><a href="/zt">专题专栏</a></li></ul>
<div class="search"><input name="q"/><button>搜索</button></div></div>
<div class="breadcrumb">首页 &gt; 政务公开 &gt; 工作动态</div>"""
RELATED = """<div class="related"><h3>相关链接</h3><ul>
<li><a href="/a1">全区地区生产总值实现5408.1亿元，同比增长8.1%的经济运行情况解读</a></li>
<li><a href="/a2">2021年一般公共预算收入完成情况：区级一般公共预算收入增长12.3%</a></li>
<li><a href="/a3">关于做好2022年元旦春节期间城市运行保障工作的通知</a></li></ul></div>"""
CHROME_FOOT = """<div class="footer"><p>主办单位：北京市某区人民政府办公室　承办：某区政务服务中心</p>
<p>京ICP备05060933号　京公网安备11010202007777号　政府网站标识码：1101020001</p>
<p>地址：某区二龙路27号　邮编：100032</p></div>"""


def gov_page(seed_txt: Path, out: Path, encoding: str = "utf-8", date: str = "2021-12-20", tables: bool = False) -> Path:
    """The seed's paragraphs as a page's article, its title an <h1>, in government-site chrome;
    tables: laid out as older sites are, the article in a cell of nested layout tables."""
    text = Path(seed_txt).read_text("utf-8")
    report = parse_text(text, seed_txt)
    paragraphs = [p for p in clean(text).paragraphs if p != report.title]
    body = "\n".join(f"<p style=\"text-indent:2em\">{html.escape(p)}</p>" for p in paragraphs)
    charset = "gb2312" if encoding.startswith("gb") else "utf-8"
    page = f"""<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}"/>
<title>{html.escape(report.title)}_北京市某区人民政府</title>
<meta name="ArticleTitle" content="{html.escape(report.title)}"/>
<meta name="PubDate" content="{date} 10:30"/>
<link rel="canonical" href="https://www.example.gov.cn/zwgk/gzdt/2021/t20211220_1.html"/>
<script>var _hmt = _hmt || []; document.write("地区生产总值增长99.9%");</script>
<style>.nav li {{ float: left }}</style></head>
<body>{CHROME_HEAD}
<div class="main"><div class="article">
<h1>{html.escape(report.title)}</h1>
<div class="info">发布日期：{date}　来源：某区文明办　【字体：大 中 小】</div>
<div class="content TRS_Editor">
{body}
</div>
<div class="bdshare">分享到：<a>微信</a><a>微博</a><a>QQ空间</a></div>
<div class="print">【打印本页】【关闭窗口】</div>
</div>
{RELATED}</div>
{CHROME_FOOT}
</body></html>"""
    if tables:
        page = page.replace('<div class="main"><div class="article">',
                            '<table width="1000"><tr><td width="200">栏目导航</td><td><table><tr><td class="article">')
        page = page.replace(f"</div>\n{RELATED}</div>", f"</td></tr></table></td></tr></table>\n{RELATED}")
    out.write_bytes(page.encode(encoding))
    return out


def nav_page(out: Path) -> Path:
    """A page that is all navigation: menus, a breadcrumb, link lists and a footer, no article."""
    links = "\n".join(f"<li><a href='/l{i}'>第{i}条 关于某区2021年工作动态的通知公告</a></li>" for i in range(12))
    out.write_text(f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>政务公开_北京市某区人民政府</title></head>
<body>{CHROME_HEAD}<div class="list"><ul>{links}</ul></div>{RELATED}{CHROME_FOOT}</body></html>""", "utf-8")
    return out
