"""Word drafts through the command line: ``xxgk-audit check draft.docx`` as an author runs it,
folders with Word files, the blank 2021 template from the corpus, LibreOffice's time limit."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import docxgen
import make_fixtures
from audit.cli import main
from audit.document import ReadError
from audit.read import read_path
from corpus import corpus_file
from test_cli_check import schema_check


@pytest.fixture(scope="module")
def draft(tmp_path_factory) -> Path:
    """The defect example (t3 and t4 sums broken) as a Word draft with automatic heading numbers."""
    folder = tmp_path_factory.mktemp("draft")
    html = folder / "defect.html"
    html.write_text(make_fixtures.defect_html(), "utf-8")
    path = folder / "draft.docx"
    docxgen.write_report(read_path(str(html)), path, auto_numbering=True)
    return path


def test_check_draft_docx_text(draft, monkeypatch):
    monkeypatch.chdir(draft.parent)
    out = CliRunner().invoke(main, ["check", "draft.docx"], catch_exceptions=False)
    assert out.exit_code == 1, out.output
    assert "T201" in out.output and "三、收到和处理政府信息公开申请情况" in out.output
    # a .docx has no lines: a cell is found by Word's table number and row (Ctrl+G, Table)
    assert "[t3/received/total, 第2张表第4行第10列 “一、本年新收政府信息公开申请数量 | 总计”, 第2个表格第4行]" in out.output
    assert "E901" not in out.output


def test_check_draft_docx_json(draft):
    out = CliRunner().invoke(main, ["check", str(draft), "--format", "json"], catch_exceptions=False)
    data = json.loads(out.output)
    schema_check(data)
    (rep,) = data["reports"]
    assert rep["format"] == "docx" and rep["template"] == "2021" and rep["report_year"] == 2023
    t201 = [f for f in rep["findings"] if f["rule"] == "T201"]
    assert t201 and all(isinstance(f["location"]["paragraph"], int) for f in t201)
    # received is the 4th row of the 2nd Word table (t2 is the 1st; 3 header rows before it)
    assert {(f["location"]["word_table"], f["location"]["word_row"]) for f in t201} == {(2, 4)}
    assert all(f["location"]["line"] is None for f in rep["findings"])


def test_folders_include_word_files(draft, tmp_path):
    from audit.run.runner import expand

    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("a.docx", "b.DOC", "c.wps", "d.et", "e.png"):
        (folder / name).write_bytes(draft.read_bytes())
    (folder / "~$a.docx").write_bytes(b"\x05alice" + b"\0" * 156)  # Word's owner file while a.docx is open
    assert [Path(p).name for p in expand([str(folder)])] == ["a.docx", "b.DOC", "c.wps"]


def test_blank_2021_template_is_recognised():
    path = corpus_file("reference/blank-2021-template_govnianbao.docx")
    out = CliRunner().invoke(main, ["check", str(path), "--format", "json"], catch_exceptions=False)
    (rep,) = json.loads(out.output)["reports"]
    assert rep["format"] == "docx" and rep["kind"] == "blank_template" and rep["template"] == "2021"
    assert "S109" in {f["rule"] for f in rep["findings"]}
    assert "E901" not in {f["rule"] for f in rep["findings"]}
    doc = read_path(str(path))
    heads = [b.text for b in doc.blocks if b.text.startswith(("一、", "六、"))]
    assert heads == ["一、总体情况", "六、其他需要报告的事项"]
    t3 = doc.tables()[1]
    assert len(t3.rows) == 28 and t3.rows[26][1].text == "（七）总计"


def test_libreoffice_time_limit(draft):
    from audit.read.docx import convert

    if convert.soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed: apt-get install libreoffice-writer-nogui")
    with pytest.raises(ReadError) as err:
        convert.convert(b"{\\rtf1 x}", ".rtf", timeout=0.2)  # a fresh profile alone takes longer
    assert err.value.code == "E901" and "0.2 秒" in err.value.reason


def test_rtf_named_doc_through_libreoffice(tmp_path):
    from audit.read.docx import convert

    if convert.soffice() is None:
        pytest.skip("LibreOffice (soffice) not installed: apt-get install libreoffice-writer-nogui")
    path = tmp_path / "年报.doc"
    path.write_bytes(rb"{\rtf1\ansi\ansicpg936 {\fonttbl{\f0 SimSun;}}\f0 "
                     rb"\u19968?\u12289?\u24635?\u20307?\u24773?\u20917?\par}")  # 一、总体情况
    doc = read_path(str(path))
    assert doc.format == "docx" and [b.text for b in doc.blocks] == ["一、总体情况"]


def _every_pitfall(html: Path, out: Path) -> None:
    """The report as a Word draft carrying every pitfall at once: automatic heading numbers,
    merged cells, t2 nested in a one-cell layout frame, t3 split in two tables (header repeated,
    group labels left empty in the second part), a header and a footer, a text box, a comment,
    a tracked insertion and deletion."""
    from docx import Document as WordDocument

    doc = read_path(str(html))
    word = WordDocument()
    word.sections[0].header.paragraphs[0].text = "一、页眉里的总体情况"
    word.sections[0].footer.paragraphs[0].text = "第 1 页 共 3 页"
    num = docxgen.add_numbering(word)
    tables = doc.tables()
    for block in doc.blocks:
        if block is tables[0]:  # t2, in a layout frame
            docxgen.add_table(word.add_table(rows=1, cols=1).cell(0, 0), block.rows)
        elif block is tables[1]:  # t3, split by the author
            cut = next(i for i, r in enumerate(block.rows) if "没有现成信息" in r[2].text)
            docxgen.add_table(word, block.rows[:cut])
            word.add_paragraph("")
            second = docxgen.add_table(word, block.rows[:3] + block.rows[cut:])
            for cell in [second.cell(3, 0), second.cell(3, 1)]:
                docxgen.blank(cell)
        elif block.kind == "table":
            docxgen.add_table(word, block.rows)
        elif docxgen.SECTION.match(block.text):
            docxgen.number(word.add_paragraph(block.text[2:]), num)
        elif block.text.startswith("2023年"):
            p = word.add_paragraph(block.text[:-1])  # the full stop comes as a tracked insertion
            docxgen.tracked(p, inserted=block.text[-1], deleted="（待核实：申请数量）")
            docxgen.text_box(p, "三、收到和处理政府信息公开申请情况：待补充")
            word.add_comment(p.runs, text="请再核对表三", author="审核人")
        else:
            word.add_paragraph(block.text)
    word.save(out)


def test_check_a_draft_with_every_pitfall(tmp_path):
    """``xxgk-audit check draft.docx`` on a draft with every pitfall gives the findings of the
    same report as a web page (locations aside)."""
    from pairs import comparable

    html = tmp_path / "defect.html"
    html.write_text(make_fixtures.defect_html(), "utf-8")
    draft = tmp_path / "draft.docx"
    _every_pitfall(html, draft)
    found = {}
    for path in (html, draft):
        out = CliRunner().invoke(main, ["check", str(path), "--format", "json", "--ignore", "P304"],
                                 catch_exceptions=False)
        (found[path.suffix],) = json.loads(out.output)["reports"]
    d, h = found[".docx"], found[".html"]
    text = "\n".join(b.text for b in read_path(str(draft)).text_blocks())
    assert [s for s in ("页眉", "第 1 页", "待核实", "待补充", "请再核对") if s in text] == []
    assert "持续推进政务公开工作。" in text and "一、总体情况" in text
    assert d["outcomes"] == h["outcomes"]
    assert sorted(map(comparable, d["findings"])) == sorted(map(comparable, h["findings"]))
    assert {f["rule"] for f in d["findings"]} == {"T201", "T203", "T204"}
    # t3 is Word tables 3 and 4 (t2 sits in frame 1 as table 2): received is row 4 of table 3
    t201 = next(f for f in d["findings"] if f["rule"] == "T201")
    assert (t201["location"]["word_table"], t201["location"]["word_row"]) == (3, 4)
