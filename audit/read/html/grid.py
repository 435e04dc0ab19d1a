"""HTML tables to span-resolved grids, and the inline-text rules shared with the HTML reader.

Word-pasted report tables split one printed value over many elements: one <span> per digit,
&nbsp; padding spans, one character per <p> in narrow header cells (结/果/维/持), <br> inside
labels. The text of a cell is therefore built by joining inline pieces with nothing in between,
and block pieces (<p>, <br>) with nothing between Chinese characters and one space otherwise.
"""
from __future__ import annotations

import re

from ...document import Block, Cell

BLOCK_TAGS = frozenset("""p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd section article main aside
    blockquote pre center address figure figcaption header footer nav form fieldset legend hr
    table thead tbody tfoot tr td th caption details summary""".split())
SKIP_TAGS = frozenset("""script style noscript iframe object embed svg canvas template button
    select input textarea option map area audio video source head title meta link""".split())
_WS = re.compile(r"[ \t\r\n\f\u00a0\u3000\u200b]+")
_DIGIT_GAP = re.compile(r"(?<=\d) (?=\d)")
_MAX_SPAN = 200  # a colspan="1000" typo must not allocate a huge row
_MAX_COPIES = 200_000  # span copies per table; a real report table has a few thousand cells
MAX_LINE = 65535  # libxml2 clamps line numbers here: beyond it the number is unknown


def tag_of(el) -> str | None:
    """Lower-case tag name (Word's o:p stays "o:p"); None for comments and processing
    instructions."""
    tag = el.tag
    return tag.lower() if isinstance(tag, str) else None


def line_of(el) -> int | None:
    line = getattr(el, "sourceline", None)
    return line if line and line < MAX_LINE else None


def is_cjk(ch: str) -> bool:
    return "\u2e80" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef" \
        or "\u3000" <= ch <= "\u303f"


def join_pieces(pieces: list[str]) -> str:
    """Join block pieces of one cell: no separator next to Chinese, a space otherwise."""
    out = ""
    for p in pieces:
        p = p.strip()
        if not p:
            continue
        if out and not (is_cjk(out[-1]) or is_cjk(p[0])):
            out += " "
        out += p
    return out


def clean_text(raw: str) -> str:
    """Collapse whitespace (NBSP and ideographic space included) and trim; an &nbsp;-only
    cell becomes ""."""
    return _WS.sub(" ", raw).strip()


def segments(el) -> list[str]:
    """The text of ``el`` as block pieces (split at <p>, <div>, <br>, …), inline parts joined
    with no separator."""
    # One recursive function, tags read inline and pieces kept as lists joined once: a cell
    # is a few characters spread over many <span>s, and this runs for every cell of a table.
    pieces: list[list[str]] = [[]]

    def inside(node):
        s = node.text
        # Whitespace with a line break between two tags is source formatting, not printed
        # text: dropping it keeps <span>2</span>\n<span>0</span> as "20".
        if s and (s.strip(" \t\r\n\f") or "\n" not in s):
            pieces[-1].append(s)
        for child in node:
            tag = child.tag
            if tag.__class__ is str:  # not a comment or processing instruction (tag_of)
                tag = tag.lower()
                if tag in SKIP_TAGS:
                    pass
                elif tag == "br":
                    pieces.append([])
                elif tag in BLOCK_TAGS:
                    pieces.append([])
                    inside(child)
                    pieces.append([])
                else:
                    inside(child)
            s = child.tail
            if s and (s.strip(" \t\r\n\f") or "\n" not in s):
                pieces[-1].append(s)

    inside(el)
    out = []
    for p in pieces:
        if p:
            text = clean_text("".join(p))
            if text:
                out.append(text)
    return out


def join_cell(pieces: list[str]) -> str:
    """A table cell's block pieces as its text. Padding between digits goes: Word pastes
    "2 0" (&nbsp; spans between digit spans) for the printed number 20."""
    return _DIGIT_GAP.sub("", join_pieces(pieces))


def cell_text(td) -> str:
    return join_cell(segments(td))


def table_rows(table) -> list:
    """The <tr> of this table (not of nested tables), in order."""
    # lxml filters by tag in C (the HTML parser gives lower-case tag names, see body.c_tags)
    rows = []
    for child in table.iterchildren("tr", "thead", "tbody", "tfoot"):
        if child.tag == "tr":
            rows.append(child)
        else:
            rows.extend(child.iterchildren("tr"))
    return rows


def row_cells(tr) -> list:
    return list(tr.iterchildren("td", "th"))


def is_layout_table(table) -> bool:
    """A table used for page layout: it holds another table, or it is a single cell."""
    # lxml filters by tag in C; the HTML parser gives lower-case tag names
    if next(table.iterdescendants("table"), None) is not None:
        return True
    rows = table_rows(table)
    return len(rows) <= 1 and sum(len(row_cells(r)) for r in rows) <= 1


def _span(value, default=1) -> int:
    if value is None:  # no attribute: most cells
        return default
    try:
        n = int(str(value).strip().rstrip(";"))
    except (TypeError, ValueError):
        return default
    return n if n >= 0 else default


def expand(rows: list[list[tuple]]) -> list[list[Cell]]:
    """Resolve (text, rowspan, colspan[, where]) rows into a grid; covered positions get a
    spanned copy of the origin's text. Rows keep their own width (no padding at the end).

    Linear in the cells written: each row's width is kept as it grows (no rescan of the grid).
    Spans are capped at the table's real size (rowspan at the rows left, colspan at
    ``_MAX_SPAN``), and span copies at ``_MAX_COPIES`` in all: a rowspan="5000" colspan="200"
    typo or trap then costs no more than a real table (a report's largest has ~2,000 cells)."""
    n = len(rows)
    grid: list[dict[int, Cell]] = [{} for _ in range(n)]
    width = [0] * n
    budget = _MAX_COPIES
    for r, cells in enumerate(rows):
        c = 0
        here = grid[r]
        for text, rowspan, colspan, *where in cells:
            while c in here:
                c += 1
            rowspan = n - r if rowspan == 0 else min(max(rowspan, 1), n - r)  # 0: to the end
            colspan = min(max(colspan, 1), _MAX_SPAN)
            if rowspan * colspan - 1 > budget:
                rowspan, colspan = 1, 1  # past the budget: the origin alone
            budget -= rowspan * colspan - 1
            for dr in range(rowspan):
                row = grid[r + dr]
                for dc in range(colspan):
                    row.setdefault(c + dc, Cell(text, spanned=bool(dr or dc),
                                                where=where[0] if where else None))
                width[r + dr] = max(width[r + dr], c + colspan)
            c += colspan
    return [[grid[r].get(c, Cell("")) for c in range(width[r])] for r in range(n)]


PATH_ATTR = "data-xxgk-path"


def mark_cell_paths(root) -> None:
    """Record each table cell's pointer (``css_path``) on the element while the tree is still
    the page as served (the reader then removes scripts, menus and info boxes, which would
    shift indices). One walk from the top down the tables' ancestors and the tables' own
    rows, each such parent's children counted once: ``css_path`` per cell would rescan a
    20,000-row table's rows for every row, and a walk of the whole page visits every menu
    link and span of a portal page for the few dozen ancestors that lead to its tables."""
    from lxml import etree  # already loaded: the caller parsed the page with it

    needed = set()  # the tables and their ancestors: the elements a walk must pass through
    for table in root.iter("table"):  # C-side filter; the HTML parser lower-cases ASCII tags
        el = table
        while el is not None and el not in needed:
            needed.add(el)
            el = el.getparent()
    if not needed:
        return
    stack = [(root, "", tag_of(root))]
    while stack:
        el, prefix, parent_tag = stack.pop()
        kids = [(c, c.tag.lower()) for c in el.iterchildren(etree.Element)]
        total: dict = {}
        for _c, tag in kids:
            total[tag] = total.get(tag, 0) + 1
        seen: dict = {}
        for c, tag in kids:
            seen[tag] = seen.get(tag, 0) + 1
            if c in needed:
                push = True
            elif parent_tag == "table":
                push = tag in _ROW_PARENTS
            else:
                push = tag == "tr" and parent_tag in _SECTIONS
            cell = parent_tag == "tr" and tag in ("td", "th")
            if not (push or cell):
                continue
            path = _step_path(c, tag, prefix, seen[tag], total[tag], parent_tag)
            if cell:
                c.set(PATH_ATTR, path)
            if push:
                stack.append((c, path, tag))


_SECTIONS = frozenset(("thead", "tbody", "tfoot"))
_ROW_PARENTS = _SECTIONS | {"tr"}


def _step_path(el, tag: str, prefix: str, nth: int, same: int, parent_tag) -> str:
    """``css_path`` of ``el`` given its parent's path ``prefix`` (see there for the steps)."""
    if tag == "html":
        return ""
    if el.get("id"):
        return f"{tag}#{el.get('id')}"
    if tag == "body":
        return "body"
    cls = (el.get("class") or "").split()
    step = tag + (f".{cls[0]}" if cls and tag not in ("td", "th", "tr", "tbody") else "")
    step += f":nth-of-type({nth})" if same > 1 else ""
    if tag == "tr" and parent_tag == "table":
        step = "tbody > " + step
    return f"{prefix} > {step}" if prefix else step


def css_path(el) -> str:
    """A CSS-path-like pointer to ``el`` (``body > div.content > table:nth-of-type(2) > tbody >
    tr:nth-of-type(21) > td:nth-of-type(2)``), from the nearest ancestor with an id, else
    from <body>: what a reader pastes into the browser's developer tools to find the cell."""
    parts = []
    while el is not None and tag_of(el) not in (None, "html"):
        tag = tag_of(el)
        if el.get("id"):
            parts.append(f"{tag}#{el.get('id')}")
            break
        if tag == "body":
            parts.append("body")
            break
        parent = el.getparent()
        same = [x for x in parent if tag_of(x) == tag] if parent is not None else [el]
        cls = (el.get("class") or "").split()
        step = tag + (f".{cls[0]}" if cls and tag not in ("td", "th", "tr", "tbody") else "")
        parts.append(step + (f":nth-of-type({same.index(el) + 1})" if len(same) > 1 else ""))
        if tag == "tr" and parent is not None and tag_of(parent) == "table":
            parts.append("tbody")  # the browser puts the rows in a <tbody>; devtools shows it
        el = parent
    return " > ".join(reversed(parts))


def table_block(table) -> Block | None:
    """A data table as a table block; None when it has no text at all."""
    trs = table_rows(table)
    raw = [[(cell_text(td), _span(td.get("rowspan")), _span(td.get("colspan")),
             {"pointer": td.get(PATH_ATTR) or css_path(td), "line": line_of(td)})
            for td in row_cells(tr)] for tr in trs]
    grid = expand(raw)
    lines = [line_of(tr) for tr in trs]
    # Ghost rows: Word leaves borderless rows of &nbsp; cells at the end of a table.
    while grid and not any(c.text for c in grid[-1]):
        grid.pop()
        lines.pop()
    while grid and not any(c.text for c in grid[0]):
        grid.pop(0)
        lines.pop(0)
    if not grid:
        return None
    return Block(kind="table", rows=grid, line=lines[0] if lines else line_of(table),
                 row_lines=lines)
