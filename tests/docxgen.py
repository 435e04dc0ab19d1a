"""Word files for the tests, written with python-docx at test time (nothing binary committed).

``write_report`` turns any ``Document`` (e.g. the example HTML page as the HTML reader sees it)
into a .docx: paragraphs and headings, tables with their merges rebuilt from the span flags
(python-docx writes them as ``gridSpan`` and ``vMerge``). With ``auto_numbering`` the section
headings lose their printed "一、" and get Word's automatic numbering instead. The small helpers
below add what python-docx has no API for (numbering definitions, tracked changes, text boxes,
comments' anchors) as raw OOXML.
"""
from __future__ import annotations

import re

from docx import Document as WordDocument
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

SECTION = re.compile(r"^([一二三四五六])、")
NUM_ID = "90"


def add_numbering(doc, num_id: str = NUM_ID, formats=(("chineseCounting", "%1、"),
                                                       ("chineseCounting", "（%2）"))) -> str:
    """Define a multi-level list (level k: (numFmt, lvlText)) and return its numId."""
    numbering = doc.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for k, (fmt, text) in enumerate(formats))
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}">'
                         f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
    num = parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}">'
                    f'<w:abstractNumId w:val="{num_id}"/></w:num>')
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)  # abstractNum elements come before num elements
    else:
        numbering.append(abstract)
    numbering.append(num)
    return num_id


def number(paragraph, num_id: str = NUM_ID, level: int = 0) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                         f'<w:numId w:val="{num_id}"/></w:numPr>'))


def rectangles(rows):
    """(r, c, height, width, text) of each merged cell of a span-resolved grid (``Cell`` rows)."""
    width = max(len(r) for r in rows)
    grid = [list(r) + [None] * (width - len(r)) for r in rows]
    claimed = set()
    out = []

    def covered(r, c, text):
        cell = grid[r][c] if r < len(grid) and c < width else None
        return cell is not None and cell.spanned and cell.text == text and (r, c) not in claimed

    for r, row in enumerate(grid):
        for c, cell in enumerate(row):
            if (r, c) in claimed:
                continue
            text = cell.text if cell is not None else ""
            w = 1
            while c + w < width and covered(r, c + w, text):
                w += 1
            h = 1
            while r + h < len(grid) and all(covered(r + h, c + k, text) for k in range(w)):
                h += 1
            claimed.update((r + i, c + k) for i in range(h) for k in range(w))
            out.append((r, c, h, w, text))
    return out, width


def add_table(doc, rows):
    """A Word table for a span-resolved grid, merges rebuilt."""
    rects, width = rectangles(rows)
    table = doc.add_table(rows=len(rows), cols=width)
    table.style = "Table Grid"
    cells = [row.cells for row in table.rows]  # table.cell() lays out the whole table per call
    for r, c, h, w, text in rects:
        cells[r][c].text = text
    for r, c, h, w, text in rects:
        if h > 1 or w > 1:
            table.cell(r, c).merge(table.cell(r + h - 1, c + w - 1))
    return table


def write_report(document, path, auto_numbering: bool = False) -> None:
    doc = WordDocument()
    num_id = add_numbering(doc) if auto_numbering else None
    for block in document.blocks:
        if block.kind == "table":
            add_table(doc, block.rows)
            continue
        m = SECTION.match(block.text)
        if num_id and m:
            number(doc.add_paragraph(block.text[m.end():]), num_id)
        elif block.kind == "heading":
            doc.add_heading(block.text, level=1)
        else:
            doc.add_paragraph(block.text)
    doc.save(path)


# --- pitfalls as raw OOXML ------------------------------------------------------------------

def tracked(paragraph, inserted: str, deleted: str) -> None:
    """A tracked insertion and a tracked deletion at the end of the paragraph."""
    w = nsdecls("w")
    paragraph._p.append(parse_xml(
        f'<w:ins {w} w:id="1" w:author="t" w:date="2024-01-01T00:00:00Z"><w:r><w:t>{inserted}</w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(
        f'<w:del {w} w:id="2" w:author="t" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>{deleted}</w:delText></w:r></w:del>'))


def text_box(paragraph, text: str) -> None:
    """A floating text box (DrawingML with a VML fallback, as Word writes it) in the paragraph."""
    w = nsdecls("w", "wp", "a") + (
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:v="urn:schemas-microsoft-com:vml"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
    box = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    paragraph._p.append(parse_xml(
        f'<w:r {w}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
        f'<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        f'<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor>'
        f'</w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox>'
        f'</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'))


def blank(cell) -> None:
    """Empty a table cell, keeping its merge: what a table split by the author inside a
    merged group label leaves on the second part (the label stays in the first)."""
    tc = cell._tc
    for p in tc.findall(qn("w:p"))[1:]:
        tc.remove(p)
    for r in tc.findall(qn("w:p"))[0].findall(qn("w:r")):
        r.getparent().remove(r)


def orphan_continue(cell) -> None:
    """Make a cell of a table's first row an empty continuation of a vertical merge begun above the table
    (``<w:vMerge/>`` in the first row)."""
    blank(cell)
    tcpr = cell._tc.get_or_add_tcPr()
    for old in tcpr.findall(qn("w:vMerge")):
        tcpr.remove(old)
    tcpr.append(parse_xml(f'<w:vMerge {nsdecls("w")}/>'))


