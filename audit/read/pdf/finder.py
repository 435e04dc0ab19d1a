"""Border edges → cell boxes → tables: pdfplumber's table finder on explicit edges, ported.

The page used to call ``page.find_tables`` with our own edges (``edges.ruling_edges``) as the
explicit lines. That algorithm (pdfplumber ``table.py``, MIT licence, after Nurminen's thesis)
needs no page at all, only the edges; it is ported here so that the PDFium engine does not
import pdfplumber (and pdfminer behind it: ~115 ms of start-up for a ~1 ms computation).
The port keeps pdfplumber's arithmetic and orders exactly: intersections and cells are found
by exact equality of snapped coordinates, so a different rounding would change the grids.
Edges here are tuples ``(x0, top, x1, bottom)``; horizontal ones have top == bottom,
vertical ones x0 == x1.
"""
from __future__ import annotations

from itertools import groupby

_MIN_LENGTH = 3  # pdfplumber's edge_min_length


def _snap(edges, at: int, tol: float) -> list[tuple]:
    """Move edges whose position (index ``at``: 0 for x, 1 for top) is within ``tol`` of the
    previous one in a chain to the chain's mean (pdfplumber ``snap_objects``)."""
    values = sorted(set(e[at] for e in edges))
    cluster_of: dict[float, int] = {}
    n, last = -1, None
    for v in values:
        if last is None or v > last + tol:
            n += 1
        cluster_of[v] = n
        last = v
    groups: dict[int, list] = {}
    for e in sorted(edges, key=lambda e: cluster_of[e[at]]):
        groups.setdefault(cluster_of[e[at]], []).append(e)
    out = []
    for members in groups.values():
        avg = sum(e[at] for e in members) / len(members)
        for e in members:
            d = avg - e[at]
            if at == 0:
                out.append((e[0] + d, e[1], e[2] + d, e[3]))
            else:
                out.append((e[0], e[1] + d, e[2], e[3] + d))
    return out


def _join(edges, lo: int, hi: int, tol: float) -> list[tuple]:
    """Join edges on one line whose ends are within ``tol`` (pdfplumber ``join_edge_group``)."""
    ordered = sorted(edges, key=lambda e: e[lo])
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if e[lo] <= last[hi] + tol:
            if e[hi] > last[hi]:
                grown = list(last)
                grown[hi] = e[hi]
                joined[-1] = tuple(grown)
        else:
            joined.append(e)
    return joined


def merge(hs, vs, snap: float, join: float) -> tuple[list, list]:
    vs, hs = _snap(vs, 0, snap), _snap(hs, 1, snap)
    out_h = [e for _, g in groupby(sorted(hs, key=lambda e: e[1]), key=lambda e: e[1])
             for e in _join(list(g), 0, 2, join)]
    out_v = [e for _, g in groupby(sorted(vs, key=lambda e: e[0]), key=lambda e: e[0])
             for e in _join(list(g), 1, 3, join)]
    return ([e for e in out_h if e[2] - e[0] >= _MIN_LENGTH],
            [e for e in out_v if e[3] - e[1] >= _MIN_LENGTH])


def intersections(hs, vs, tol: float) -> dict:
    """(x, top) → ({vertical edges}, {horizontal edges}) crossing there."""
    out: dict = {}
    hs = sorted(hs, key=lambda e: (e[1], e[0]))
    for v in sorted(vs, key=lambda e: (e[0], e[1])):
        for h in hs:
            if v[1] <= h[1] + tol and v[3] >= h[1] - tol and v[0] >= h[0] - tol and v[0] <= h[2] + tol:
                vset, hset = out.setdefault((v[0], h[1]), (set(), set()))
                vset.add(v)
                hset.add(h)
    return out


def cells(points: dict) -> list[tuple]:
    """The smallest rectangles whose corners are intersections joined by edges."""

    def connects(p1, p2) -> bool:
        if p1[0] == p2[0] and points[p1][0] & points[p2][0]:
            return True
        return p1[1] == p2[1] and bool(points[p1][1] & points[p2][1])

    ordered = sorted(points)
    # the points after pt in (x, top) order with pt's x are those below it, those with its
    # top are right of it: kept per column and per row instead of rescanning every point
    by_x: dict[float, list] = {}
    by_top: dict[float, list] = {}
    for p in ordered:
        by_x.setdefault(p[0], []).append(p)
        by_top.setdefault(p[1], []).append(p)
    out = []
    for pt in ordered[:-1]:
        col, row = by_x[pt[0]], by_top[pt[1]]
        below = col[col.index(pt) + 1:]
        right = row[row.index(pt) + 1:]
        found = None
        for b in below:
            if not connects(pt, b):
                continue
            for r in right:
                if not connects(pt, r):
                    continue
                corner = (r[0], b[1])
                if corner in points and connects(corner, r) and connects(corner, b):
                    found = (pt[0], pt[1], corner[0], corner[1])
                    break
            if found:
                break
        if found:
            out.append(found)
    return out


def tables(boxes: list[tuple]) -> list[list[tuple]]:
    """Cells grouped into tables by shared corners, top-to-bottom; single cells dropped."""
    remaining = list(boxes)
    corners: set = set()
    current: list = []
    found = []
    while remaining:
        before = len(current)
        for cell in list(remaining):
            x0, top, x1, bottom = cell
            mine = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or any(c in corners for c in mine):
                corners |= set(mine)
                current.append(cell)
                remaining.remove(cell)
        if len(current) == before:
            found.append(list(current))
            corners.clear()
            current.clear()
    if current:
        found.append(list(current))
    found.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in found if len(t) > 1]


def find_tables(hs, vs, tolerance: float) -> list[tuple[tuple, list]]:
    """(bbox, cell boxes) of each table drawn by the edges (dicts with x0, top, x1, bottom)."""
    h, v = merge([(e["x0"], e["top"], e["x1"], e["bottom"]) for e in hs],
                 [(e["x0"], e["top"], e["x1"], e["bottom"]) for e in vs], tolerance, tolerance)
    out = []
    for group in tables(cells(intersections(h, v, tolerance))):
        bbox = (min(c[0] for c in group), min(c[1] for c in group),
                max(c[2] for c in group), max(c[3] for c in group))
        out.append((bbox, group))
    return out
