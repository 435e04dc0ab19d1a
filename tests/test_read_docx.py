"""The Word reader on .docx files written with python-docx at test time, one pitfall each.

Each test builds a real document (python-docx, plus raw OOXML where python-docx has no API),
reads it through ``audit.read.read_path`` and asserts the blocks and span-resolved grids.
"""
from __future__ import annotations

import pytest
from docx import Document as WordDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

import docxgen
from audit.document import ReadError
from audit.read import read_path
from corpus import marked


def _texts(doc):
    return [(b.kind, b.text) for b in doc.blocks if b.kind != "table"]


def _read(word, tmp_path, name="draft.docx"):
    path = tmp_path / name
    word.save(path)
    return read_path(str(path))


def test_automatic_numbering_gives_the_section_labels(tmp_path):
    word = WordDocument()
    num = docxgen.add_numbering(word)
    docxgen.number(word.add_paragraph("总体情况"), num)
    docxgen.number(word.add_paragraph("主动公开情况"), num, level=1)
    docxgen.number(word.add_paragraph("依申请公开情况"), num, level=1)
    word.add_paragraph("正文不编号。")
    docxgen.number(word.add_paragraph("主动公开政府信息情况"), num)
    docxgen.number(word.add_paragraph("规章"), num, level=1)  # level 2 restarts under a new 二、
    doc = _read(word, tmp_path)
    assert [t for _, t in _texts(doc)] == [
        "一、总体情况", "（一）主动公开情况", "（二）依申请公开情况", "正文不编号。",
        "二、主动公开政府信息情况", "（一）规章"]


def test_numbering_from_a_heading_style_and_start_override(tmp_path):
    word = WordDocument()
    num = docxgen.add_numbering(word, "91", (("chineseCounting", "%1、"),))
    style = word.styles.add_style("报告标题", WD_STYLE_TYPE.PARAGRAPH)
    style.element.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'))
    style.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {nsdecls("w")} w:val="0"/>'))
    # a second list instance on the same abstract list that restarts at 五
    word.part.numbering_part.element.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="92"><w:abstractNumId w:val="{num}"/>'
        f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>'))
    word.add_paragraph("总体情况", style="报告标题")
    word.add_paragraph("主动公开政府信息情况", style="报告标题")
    docxgen.number(word.add_paragraph("存在的主要问题及改进情况", style="报告标题"), "92")
    doc = _read(word, tmp_path)
    assert _texts(doc) == [("heading", "一、总体情况"), ("heading", "二、主动公开政府信息情况"),
                           ("heading", "五、存在的主要问题及改进情况")]


def test_gridspan_and_vmerge_are_span_resolved(tmp_path):
    word = WordDocument()
    table = word.add_table(rows=4, cols=4)
    for (r, c), text in {(0, 0): "项目", (0, 1): "申请人情况", (1, 1): "自然人", (1, 2): "法人",
                         (1, 3): "总计", (2, 0): "本年新收", (2, 1): "3", (2, 2): "4",
                         (2, 3): "7", (3, 0): "上年结转", (3, 1): "1", (3, 2): "0",
                         (3, 3): "1"}.items():
        table.cell(r, c).text = text
    table.cell(0, 0).merge(table.cell(1, 0))  # vMerge restart / continue
    table.cell(0, 1).merge(table.cell(0, 3))  # gridSpan 3
    tc = table.cell(0, 1)._tc
    assert tc.tcPr.find(qn("w:gridSpan")) is not None
    doc = _read(word, tmp_path)
    (block,) = doc.tables()
    assert marked(block) == [["项目", "申请人情况", "申请人情况*", "申请人情况*"],
                             ["项目*", "自然人", "法人", "总计"],
                             ["本年新收", "3", "4", "7"],
                             ["上年结转", "1", "0", "1"]]


def test_nested_table_inside_a_layout_frame(tmp_path):
    word = WordDocument()
    word.add_paragraph("前言")
    frame = word.add_table(rows=1, cols=1)  # the whole report pasted into one framed cell
    cell = frame.cell(0, 0)
    cell.paragraphs[0].text = "一、总体情况"
    inner = cell.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "信息内容", (0, 1): "本年制发件数", (1, 0): "规章",
                         (1, 1): "5"}.items():
        inner.cell(r, c).text = text
    cell.add_paragraph("二、主动公开政府信息情况")
    doc = _read(word, tmp_path)
    kinds = [(b.kind, b.text or marked(b)) for b in doc.blocks]
    assert kinds == [("paragraph", "前言"), ("paragraph", "一、总体情况"),
                     ("table", [["信息内容", "本年制发件数"], ["规章", "5"]]),
                     ("paragraph", "二、主动公开政府信息情况")]


def test_text_box_header_footer_and_comment_are_ignored(tmp_path):
    word = WordDocument()
    word.sections[0].header.paragraphs[0].text = "页眉：内部草稿"
    word.sections[0].footer.paragraphs[0].text = "第 1 页"
    p = word.add_paragraph("一、总体情况")
    docxgen.text_box(p, "文本框里的批注")
    body = word.add_paragraph("本年度共收到申请 5 件。")
    word.add_comment(body.runs, text="请核对数字", author="审核人")
    doc = _read(word, tmp_path)
    assert _texts(doc) == [("paragraph", "一、总体情况"), ("paragraph", "本年度共收到申请 5 件。")]


def test_tracked_changes_read_as_accepted(tmp_path):
    word = WordDocument()
    p = word.add_paragraph("本年新收申请")
    docxgen.tracked(p, inserted="35件", deleted="34件")
    # a deleted paragraph mark: accepted, the two paragraphs are one
    cut = word.add_paragraph("联系电话：")
    cut._p.get_or_add_pPr().append(parse_xml(
        f'<w:rPr {nsdecls("w")}><w:del w:id="3" w:author="t" w:date="2024-01-01T00:00:00Z"/></w:rPr>'))
    word.add_paragraph("0591-12345678")
    table = word.add_table(rows=3, cols=2)
    for r, (a, b) in enumerate([("项目", "数量"), ("旧行", "9"), ("新收", "35")]):
        table.cell(r, 0).text, table.cell(r, 1).text = a, b
    table.rows[1]._tr.get_or_add_trPr().append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="4" w:author="t" w:date="2024-01-01T00:00:00Z"/>'))
    doc = _read(word, tmp_path)
    assert [t for _, t in _texts(doc)] == ["本年新收申请35件", "联系电话：0591-12345678"]
    assert marked(doc.tables()[0]) == [["项目", "数量"], ["新收", "35"]]


def test_hidden_text_field_codes_and_line_breaks(tmp_path):
    word = WordDocument()
    p = word.add_paragraph("一、总体情况")
    p.add_run().add_break()  # Shift+Enter between a heading and its first sentence
    p.add_run("2023年，本机关")
    hidden = p.add_run("（内部备注）")
    hidden.font.hidden = True
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:instrText> PAGE </w:instrText></w:r>'))
    p.add_run("持续推进公开。")
    doc = _read(word, tmp_path)
    assert [(b.text, b.line) for b in doc.blocks] == [("一、总体情况", 1),
                                                      ("2023年，本机关持续推进公开。", 1)]


def test_paragraph_numbers_count_paragraphs_and_table_rows(tmp_path):
    word = WordDocument()
    word.add_paragraph("标题")
    word.add_paragraph("")  # empty paragraphs are not counted: nobody sees them
    table = word.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(1, 0).text = "项目", "规章"
    word.add_paragraph("结尾")
    frame = word.add_table(rows=1, cols=1)  # Word table 2, a frame around table 3
    inner = frame.cell(0, 0).add_table(rows=3, cols=2)
    inner.cell(1, 0).text, inner.cell(2, 1).text = "规章", "5"  # row 1 is empty: trimmed
    doc = _read(word, tmp_path)
    first, tab, last, nested = doc.blocks
    assert (first.line, tab.line, tab.row_lines, last.line) == (1, 2, [2, 3], 4)
    assert nested.row_lines == [5, 6]
    assert doc.format == "docx"
    # [Word table number, first paragraph, last paragraph, rows trimmed at the top]
    assert doc.meta["word_tables"] == [[1, 2, 3, 0], [3, 5, 6, 1]]


@pytest.mark.parametrize("name", ["年报.wps", "年报", "年报.DOCX"])
def test_the_bytes_decide_not_the_name(tmp_path, name):
    word = WordDocument()
    word.add_paragraph("一、总体情况")
    doc = _read(word, tmp_path, name=name)  # a .wps that is a .docx inside, no extension, upper case
    assert _texts(doc) == [("paragraph", "一、总体情况")]


@pytest.mark.parametrize("name, data, words", [
    ("broken.docx", b"PK\x03\x04 not really a zip", "不是 Word 文档"),
    ("table.et", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "电子表格"),
    ("locked.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le"), "加密"),
    ("other.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "Workbook".encode("utf-16-le"), "不是 Word 文档"),
])
def test_bad_word_files_are_e901(tmp_path, name, data, words):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as err:
        read_path(str(path))
    assert err.value.code == "E901" and words in err.value.reason


def test_zip_that_is_not_word(tmp_path):
    import zipfile

    path = tmp_path / "report.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ReadError) as err:
        read_path(str(path))
    assert err.value.code == "E901" and "word/document.xml" in err.value.reason


def test_doc_without_libreoffice_says_how_to_install(tmp_path, monkeypatch):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"))
    monkeypatch.setenv("PATH", str(tmp_path))  # no soffice on the PATH
    with pytest.raises(ReadError) as err:
        read_path(str(path))
    assert err.value.code == "E901"
    assert "LibreOffice" in err.value.reason and ".docx" in err.value.reason


def test_only_pictures_is_e902(tmp_path):
    word = WordDocument()
    p = word.add_paragraph()
    p._p.append(parse_xml(f'<w:r {nsdecls("w")}><w:drawing/></w:r>'))
    with pytest.raises(ReadError) as err:
        _read(word, tmp_path)
    assert err.value.code == "E902"


def test_content_controls_and_hyperlinks_are_body_text(tmp_path):
    word = WordDocument()
    w = nsdecls("w")
    word.element.body.insert(0, parse_xml(
        f'<w:sdt {w}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>示例县人民政府2023年政府信息公开工作年度报告</w:t>'
        f'</w:r></w:p></w:sdtContent></w:sdt>'))
    p = word.add_paragraph("详见")
    p._p.append(parse_xml(f'<w:hyperlink {w}><w:r><w:t>门户网站</w:t></w:r></w:hyperlink>'))
    doc = _read(word, tmp_path)
    assert [t for _, t in _texts(doc)] == ["示例县人民政府2023年政府信息公开工作年度报告", "详见门户网站"]


def test_a_doc_that_is_a_web_page_is_read_as_html(tmp_path):
    path = tmp_path / "年报.doc"  # Word's "save as web page" named .doc, common on portals
    path.write_text("<html><body><p>一、总体情况</p></body></html>", encoding="utf-8")
    doc = read_path(str(path))
    assert doc.format == "html" and doc.blocks[0].text == "一、总体情况"


def test_zip_bomb_is_refused(tmp_path, monkeypatch):
    import zipfile

    from audit.read.docx import convert

    monkeypatch.setattr(convert, "MAX_UNZIPPED", 100_000)  # the real limit is 500 MB
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<" + b" " * 200_000)
    assert path.stat().st_size < 2_000
    with pytest.raises(ReadError) as err:
        read_path(str(path))
    assert err.value.code == "E901" and "解压后" in err.value.reason


def test_numbering_defined_by_a_list_style(tmp_path):
    """Word's multilevel lists saved as a list style: the abstractNum the paragraphs use only
    links (numStyleLink) to the style, whose numPr names the list that has the levels."""
    word = WordDocument()
    docxgen.add_numbering(word, "93", (("chineseCounting", "%1、"),))
    style = word.styles.add_style("报告列表", WD_STYLE_TYPE.PARAGRAPH)  # a numbering style in Word
    style.element.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:numId w:val="93"/></w:numPr>'))
    numbering = word.part.numbering_part.element
    w = nsdecls("w")
    numbering.find(qn("w:num")).addprevious(parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="94"><w:numStyleLink w:val="{style.style_id}"/></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="94"><w:abstractNumId w:val="94"/></w:num>'))
    docxgen.number(word.add_paragraph("总体情况"), "94")
    docxgen.number(word.add_paragraph("主动公开政府信息情况"), "94")
    doc = _read(word, tmp_path)
    assert [t for _, t in _texts(doc)] == ["一、总体情况", "二、主动公开政府信息情况"]


def test_table_of_contents_is_not_a_second_set_of_headings(tmp_path):
    word = WordDocument()
    word.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)  # Word's built-in TOC entry style
    word.add_paragraph("目录")
    word.add_paragraph("一、总体情况\t1", style="toc 1")
    word.add_paragraph("二、主动公开政府信息情况\t2", style="toc 1")
    word.add_paragraph("一、总体情况")
    doc = _read(word, tmp_path)
    assert [t for _, t in _texts(doc)] == ["目录", "一、总体情况"]


def test_grid_before_leaves_leading_columns_empty(tmp_path):
    """A row that starts later than the first grid column (``w:gridBefore``): its cells keep
    their grid columns, not the first free positions."""
    word = WordDocument()
    table = word.add_table(rows=2, cols=3)
    for c, text in enumerate(["项目", "件数", "备注"]):
        table.cell(0, c).text = text
    tr = table.rows[1]._tr
    tr.remove(tr.tc_lst[0])
    tr.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="1"/>'))
    tr.tc_lst[0].p_lst[0].add_r().text = "5"
    tr.tc_lst[1].p_lst[0].add_r().text = "无"
    doc = _read(word, tmp_path)
    assert marked(doc.tables()[0]) == [["项目", "件数", "备注"], ["", "5", "无"]]
