"""A table's cell boxes + the page's chars → a span-resolved grid of ``Cell``.

Cell boxes come from the table finder (``finder``, run on our own border edges); the text is
placed here, from the chars the page parsed once. Text is placed by *runs* (chars of one word or
number), not by single chars, so a number that overflows its cell still lands in one cell, and
in its own: a right-aligned number that pokes into the left neighbour belongs where its right
end is. A merged cell's text is written once at its origin and copied (``spanned=True``) into
every grid position it covers, the same shape the HTML reader gives for rowspan/colspan.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ...document import Cell
from ...normalize import fold
from .text import build_lines, chars_text, join_text

_CLUSTER = 1.5  # cell coordinates this close are one grid line
_RUN_GAP = 0.25  # share of font size: a wider gap ends a run
_PAD = 8.0  # pt: text this close to a cell edge is aligned to it


def _cluster(values) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > _CLUSTER:
            out.append(v)
    return out


def _index(lines: list[float], v: float) -> int:
    """Index of the grid line nearest to v."""
    i = bisect_right(lines, v)
    if i > 0 and (i == len(lines) or v - lines[i - 1] <= lines[i] - v):
        return i - 1
    return i


@dataclass
class Grid:
    xs: list[float]
    ys: list[float]
    boxes: list[tuple]  # (x0, top, x1, bottom) per cell
    spans: list[tuple]  # (r0, r1, c0, c1) per cell, end-exclusive
    owner: list[list[int]] = field(default_factory=list)  # grid position → cell index, -1 if none

    @classmethod
    def from_cells(cls, cells) -> "Grid":
        xs = _cluster([c[0] for c in cells] + [c[2] for c in cells])
        ys = _cluster([c[1] for c in cells] + [c[3] for c in cells])
        grid = cls(xs, ys, list(cells), [])
        grid.owner = [[-1] * (len(xs) - 1) for _ in range(len(ys) - 1)]
        for k, (x0, top, x1, bottom) in enumerate(cells):
            span = (_index(ys, top), _index(ys, bottom), _index(xs, x0), _index(xs, x1))
            grid.spans.append(span)
            for r in range(span[0], span[1]):
                for c in range(span[2], span[3]):
                    grid.owner[r][c] = k
        return grid

    def cell_at(self, x: float, y: float) -> int:
        c, r = bisect_right(self.xs, x) - 1, bisect_right(self.ys, y) - 1
        if 0 <= r < len(self.owner) and 0 <= c < len(self.owner[r]):
            return self.owner[r][c]
        return -1


def _runs(line_chars, xs):
    """Split one line's chars into runs at wide gaps and at column lines lying in a gap."""
    run: list = []
    inner = xs[1:-1]  # sorted: whether a column line lies in a gap is one bisection
    for ch in line_chars:
        if ch["text"].isspace():
            if run:
                yield run
            run = []
            continue
        if run:
            prev = run[-1]
            gap = ch["x0"] - prev["x1"]
            if gap > _RUN_GAP * ch["size"] or gap > 0 and _ruled(inner, prev["x1"] - 0.5, ch["x0"] + 0.5):
                yield run
                run = []
        run.append(ch)
    if run:
        yield run


def _ruled(lines, lo, hi) -> bool:
    """A column line lies in [lo, hi] (``lines`` sorted)."""
    i = bisect_left(lines, lo)
    return i < len(lines) and lines[i] <= hi


def _place(run, grid: Grid) -> int:
    """The cell a run belongs to. A run inside one cell is easy; one that straddles a border is
    matched by alignment: right end near a cell's right edge (right-aligned numbers), else left
    end near a left edge, else the cell holding its centre."""
    mid_y = (run[0]["top"] + run[0]["bottom"]) / 2
    x0, x1 = run[0]["x0"], run[-1]["x1"]
    first, last = grid.cell_at(x0 + 0.5, mid_y), grid.cell_at(x1 - 0.5, mid_y)
    if first == last:
        return first
    touched = {grid.cell_at((c["x0"] + c["x1"]) / 2, mid_y) for c in run} - {-1}
    numeric = all(c["text"].isdigit() or c["text"] in ".,%" for c in run)
    for k in sorted(touched):
        bx0, _, bx1, _ = grid.boxes[k]
        if numeric and 0 <= bx1 - x1 <= _PAD:
            return k
    for k in sorted(touched):
        if 0 <= x0 - grid.boxes[k][0] <= _PAD:
            return k
    return grid.cell_at((x0 + x1) / 2, mid_y)


def cell_text(chars) -> str:
    """A cell's chars as one string: lines joined without a break (商业\\n企业 → 商业企业,
    三/、/本/年/… stacked one per line → 三、本年…); a number split into runs is rejoined."""
    text = ""
    for line in build_lines(chars):
        text = join_text(text, chars_text(line.chars))
    text = fold(text)
    if text.replace(" ", "").replace(",", "").replace(".", "").isdigit():
        text = text.replace(" ", "")
    return text


def fill(grid: Grid, chars) -> list[list[Cell]]:
    """Place the chars and expand spans: the grid rows of ``Cell``."""
    per_cell: list[list] = [[] for _ in grid.boxes]
    for line in build_lines(chars):
        for run in _runs(line.chars, grid.xs):
            k = _place(run, grid)
            if k >= 0:
                per_cell[k].extend(run)
    texts = [cell_text(cs) if cs else "" for cs in per_cell]
    boxes = [[round(float(v), 1) for v in b] for b in grid.boxes]  # PDF points, top-left origin
    rows, owner = [], []
    for r, owners in enumerate(grid.owner):
        row = []
        for c, k in enumerate(owners):
            if k < 0:
                row.append(Cell(""))
            else:
                r0, _, c0, _ = grid.spans[k]
                row.append(Cell(texts[k], spanned=(r, c) != (r0, c0), where={"box": list(boxes[k])}))
        if _adds_nothing(grid, r, texts):
            continue
        rows.append(row)
        owner.append(owners)
    grid.owner = owner
    return rows


def _adds_nothing(grid: Grid, r: int, texts) -> bool:
    """A grid row that only continues taller cells from above: a sliver where one column has
    an extra border (Chromium's page-break fragments, misaligned Word borders). It carries no
    cell of its own with text, so keeping it would repeat the row above."""
    continues = False
    for c, k in enumerate(grid.owner[r]):
        if k < 0:
            continue
        r0, _, c0, _ = grid.spans[k]
        if r0 < r:
            continues = True
        elif c0 == c and texts[k]:
            return False
    return continues

