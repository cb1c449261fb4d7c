from reporter.clean import clean, hard_wrap_width, normalise_chars, squeeze_spaces


def test_punctuation_width_and_digits():
    assert normalise_chars('增长8.1%,达到"十四五"(PM2.5):１２３') == "增长8.1%，达到“十四五”（PM2.5）：123"
    assert normalise_chars("1,000元 10:30") == "1，000元 10:30".replace("，", ",")


def test_spaces_inside_numbers_and_dates_removed_latin_kept():
    assert squeeze_spaces("2021 年 12 月 13 日在第十六届 人民代表大会", False) == "2021年12月13日在第十六届人民代表大会"
    assert squeeze_spaces("金融科技 CMG 电竞", False) == "金融科技CMG电竞"
    assert squeeze_spaces("Hello world", False) == "Hello world"
    # a short heading keeps the space between its two phrases
    assert squeeze_spaces("把握战略定位 服务首都功能", True) == "把握战略定位 服务首都功能"


def test_markdown_marks_and_bold_removed():
    out = clean("# 政府工作报告\n\n### 一、2020年工作回顾\n\n**营商环境更加优化。**24个大厅实现延时服务。\n")
    assert out.paragraphs == ["政府工作报告", "一、2020年工作回顾", "营商环境更加优化。24个大厅实现延时服务。"]


def wrapped_lines(n: int, width: int = 26) -> list[str]:
    """n distinct lines of `width` Chinese characters, like a PDF page's text."""
    chars = "".join(chr(0x4E00 + 37 * i) for i in range(n * width))
    return [chars[i * width : (i + 1) * width] for i in range(n)]


def simplified(text: str) -> str:
    """The cleaner writes traditional characters as simplified (OpenCC); the random lines have some."""
    from reporter.clean import _t2s

    return _t2s().convert(text)


def test_hard_wrapped_pdf_lines_rejoin_without_gluing_paragraphs():
    lines = wrapped_lines(11)
    body = "\n\n".join(lines + ["结束。", "第二段开始。"])
    out = clean("标题\n\n" + body + "\n\n— 21 —\n")
    assert hard_wrap_width(lines) == 52
    assert out.paragraphs[1] == simplified("".join(lines)) + "结束。"
    assert out.paragraphs[2] == "第二段开始。"
    assert any("page footer" in w for w in out.warnings)


def test_page_footer_does_not_break_a_paragraph():
    lines = wrapped_lines(12)
    text = "\n".join(lines[:6] + ["— 7 —"] + lines[6:] + ["完。"])
    out = clean(text)
    assert out.paragraphs == [simplified("".join(lines)) + "完。"]


def test_web_chrome_is_set_aside_and_title_kept_in_chrome():
    text = "某区人民政府\n信息详情\n关于某区2023年计划执行情况的报告\n发布时间:2024-02-09 10:30\n分享:\n正文第一段。\n回到顶部\n主办:某区政府办公室\n京ICP备1号\n"
    out = clean(text)
    assert out.paragraphs == ["正文第一段。"]
    assert "发布时间：2024-02-09 10:30" in out.chrome
    assert any("ICP" in c for c in out.chrome)


def test_glued_date_line_is_split_off_with_a_warning():
    out = clean("来源:某区文明办\n时间:2021-12-20团结汇聚力量。\n")
    assert out.paragraphs == ["团结汇聚力量。"]
    assert "时间：2021-12-20" in out.chrome
    assert any("glued" in w for w in out.warnings)


def test_ocr_repairs_are_warned_not_silent():
    out = clean("一一2021年1月12日在大会上\n\n202320项计划指标中，19项指标完成。\n\n登记失业率(%\n")
    assert out.paragraphs[0].startswith("——2021年")
    assert out.paragraphs[1].startswith("2023年20项计划指标中")
    assert out.paragraphs[2] == "登记失业率（%）"
    assert len([w for w in out.warnings if "OCR" in w or "fused" in w or "parenthesis" in w]) == 3


def test_adjacent_repeat_dropped_numbers_never_touched():
    out = clean("提高中医药参与突发传染病救治能力提高中医药参与突发传染病救治能力。增长5%增长5%。")
    assert out.paragraphs == ["提高中医药参与突发传染病救治能力。增长5%增长5%。"]
    assert any("OCR-repeated" in w for w in out.warnings)


def test_tex_subscript_normalised():
    assert clean("细颗粒物（PM_{2.5}）年均浓度44微克/立方米。").paragraphs[0] == "细颗粒物（PM2.5）年均浓度44微克/立方米。"


def test_ocr_repairs_are_switched_by_cleaning_toml(monkeypatch):
    """The one-off OCR repairs are named rules in cleaning.toml: with the list empty, none runs."""
    from reporter import clean as cleaner
    from reporter import datafiles

    text = "关于计划执行情况的报告\n202320项计划指标中，19项完成。\n"
    on = cleaner.clean(text)
    assert any("2023年" in p for p in on.paragraphs) and any("fused" in w for w in on.warnings)
    real = datafiles.package_text
    monkeypatch.setattr(datafiles, "package_text",
                        lambda n: real(n).replace('repairs = ["', 'repairs = [] # ["') if n == "cleaning.toml" else real(n))
    cleaner.rules.cache_clear()
    try:
        off = cleaner.clean(text)
    finally:
        monkeypatch.undo()
        cleaner.rules.cache_clear()
    assert not any("2023年" in p for p in off.paragraphs) and not any("fused" in w for w in off.warnings)
