"""Table rulings from a page's graphics: which lines, rectangles and paths are cell borders.

Word/WPS exports paint white or tinted rectangles behind paragraphs and header cells (shading),
and pdfplumber's default strategy turns their outlines into table borders, swallowing prose and
section headings into "tables". Here a graphic counts as a border only when it is visibly
drawn: a stroked line/path/rectangle in a non-white colour, or a *thin* filled rectangle (the
way some exporters draw borders). Open table sides (a continued table without its top border,
tables without outer verticals) are closed by synthetic edges where several borders end on one
line, so that the first/last row still forms cells.
"""
from __future__ import annotations

# A filled rectangle thinner than this (pt) is a border line, not a background.
THIN = 2.0
_ALIGN = 2.0  # endpoints this close (pt) are on one line
_MIN_ENDS = 3  # aligned endpoints needed before an open side is closed


def _white(color) -> bool:
    if color is None:
        return False
    if isinstance(color, (int, float)):
        return color >= 0.95
    vals = list(color)
    if len(vals) == 4:  # CMYK: white is no ink at all
        return all(v <= 0.05 for v in vals)
    return all(isinstance(v, (int, float)) and v >= 0.95 for v in vals)


def _edge(orientation, x0, top, x1, bottom):
    return {"object_type": "line_edge", "orientation": orientation, "x0": x0, "x1": x1,
            "top": top, "bottom": bottom, "width": x1 - x0, "height": bottom - top,
            "doctop": top}


def _segment(x0, top, x1, bottom):
    """An axis-aligned segment (or thin box) as an edge, None when it is neither."""
    w, h = x1 - x0, bottom - top
    if h <= THIN and w > h:
        y = (top + bottom) / 2
        return _edge("h", x0, y, x1, y)
    if w <= THIN and h > w:
        x = (x0 + x1) / 2
        return _edge("v", x, top, x, bottom)
    return None


def _rect_edges(r):
    if r.get("fill") and not _white(r.get("non_stroking_color")):
        e = _segment(r["x0"], r["top"], r["x1"], r["bottom"])
        if e:
            return [e]
    if r.get("stroke") and not _white(r.get("stroking_color")):
        x0, top, x1, bottom = r["x0"], r["top"], r["x1"], r["bottom"]
        if x1 - x0 <= THIN or bottom - top <= THIN:
            e = _segment(x0, top, x1, bottom)
            return [e] if e else []
        return [_edge("h", x0, top, x1, top), _edge("h", x0, bottom, x1, bottom),
                _edge("v", x0, top, x0, bottom), _edge("v", x1, top, x1, bottom)]
    return []


def _path_edges(obj):
    """Lines and polyline paths: every axis-aligned piece of a visibly stroked path."""
    if obj.get("stroke") is False and not obj.get("fill"):
        return []
    if _white(obj.get("stroking_color")) and _white(obj.get("non_stroking_color")):
        return []
    pts = obj.get("pts") or [(obj["x0"], obj["top"]), (obj["x1"], obj["bottom"])]
    out = []
    for (ax, ay), (bx, by) in zip(pts, pts[1:]):
        x0, x1, top, bottom = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
        if abs(ay - by) < 0.5 and x1 - x0 > 1:
            out.append(_edge("h", x0, top, x1, top))
        elif abs(ax - bx) < 0.5 and bottom - top > 1:
            out.append(_edge("v", x0, top, x0, bottom))
    return out


def _merge(edges, orientation):
    """Join collinear pieces (cell-by-cell borders) into long segments."""
    pos, lo, hi = ("top", "x0", "x1") if orientation == "h" else ("x0", "top", "bottom")
    groups: list[list] = []
    for e in sorted(edges, key=lambda e: e[pos]):
        if groups and e[pos] - groups[-1][0][pos] <= 1:
            groups[-1].append(e)
        else:
            groups.append([e])
    out = []
    for group in groups:
        at = group[0][pos]
        cur = None
        for e in sorted(group, key=lambda e: e[lo]):
            if cur and e[lo] <= cur[hi] + 3:
                cur[hi] = max(cur[hi], e[hi])
            else:
                cur = dict(e)
                cur[pos] = at
                if orientation == "h":
                    cur["bottom"] = at
                else:
                    cur["x1"] = at
                out.append(cur)
    for e in out:
        e["width"], e["height"] = e["x1"] - e["x0"], e["bottom"] - e["top"]
    return out


def _touch(h, v, tol=3.0) -> bool:
    return (h["x0"] - tol <= v["x0"] <= h["x1"] + tol) and (v["top"] - tol <= h["top"] <= v["bottom"] + tol)


def _components(hs, vs):
    """Groups of edges that touch: one group per drawn table (tables stacked with a heading
    between them stay apart, so closing one's open side cannot bridge it to the next)."""
    parent = list(range(len(hs) + len(vs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, h in enumerate(hs):
        for j, v in enumerate(vs):
            if _touch(h, v):
                parent[find(i)] = find(len(hs) + j)
    groups: dict[int, tuple[list, list]] = {}
    for i, h in enumerate(hs):
        groups.setdefault(find(i), ([], []))[0].append(h)
    for j, v in enumerate(vs):
        groups.setdefault(find(len(hs) + j), ([], []))[1].append(v)
    return list(groups.values())


def _close(ends, others, orient, pos, lo, hi):
    """Synthetic edges where >= _MIN_ENDS borders end on one line that nothing draws."""
    extra = []
    ends.sort()
    group: list = []
    for end in ends + [(float("inf"), 0)]:
        if group and end[0] - group[0][0] > _ALIGN:
            at = sum(g[0] for g in group) / len(group)
            a, b = min(g[1] for g in group), max(g[1] for g in group)
            covered = any(abs(o[pos] - at) <= _ALIGN and o[lo] <= a + _ALIGN and o[hi] >= b - _ALIGN
                          for o in others)
            if len(group) >= _MIN_ENDS and not covered and b - a > 1:
                extra.append(_edge(orient, a, at, b, at) if orient == "h" else _edge(orient, at, a, at, b))
            group = []
        group.append(end)
    return extra


def _close_sides(hs, vs):
    extra = []
    for chs, cvs in _components(hs, vs):
        if not chs or not cvs:
            continue
        v_ends = [(v["top"], v["x0"]) for v in cvs] + [(v["bottom"], v["x0"]) for v in cvs]
        h_ends = [(h["x0"], h["top"]) for h in chs] + [(h["x1"], h["top"]) for h in chs]
        extra += _close(v_ends, chs, "h", "top", "x0", "x1")
        extra += _close(h_ends, cvs, "v", "x0", "top", "bottom")
    return extra


def ruling_edges(rects, paths) -> tuple[list, list]:
    """(horizontal, vertical) border edges from a page's rects and paths (lines, curves)."""
    edges = []
    for r in rects:
        edges.extend(_rect_edges(r))
    for obj in paths:
        edges.extend(_path_edges(obj))
    hs = _merge([e for e in edges if e["orientation"] == "h"], "h")
    vs = _merge([e for e in edges if e["orientation"] == "v"], "v")
    for e in _close_sides(hs, vs):
        (hs if e["orientation"] == "h" else vs).append(e)
    return hs, vs
