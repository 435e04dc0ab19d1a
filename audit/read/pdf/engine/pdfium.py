"""The default engine: PDFium (the library pypdfium2 ships, bound in ``lib``) pages as ``RawPage``.

A page costs one text-page build plus a few C calls per char and per path segment. The dicts mimic what pdfminer gives, so that the reader cannot tell engines apart:
- chars: the loose box (advance width × font ascent/descent) gives x0, x1 and the bottom;
  pdfminer's box is exactly one font size tall, so top = bottom − size, with size the font
  size times the char matrix's vertical scale;
- paths: split into subpaths at each move, and each classified as pdfminer does (a line,
  a closed axis-aligned rectangle, or a curve whose points are the segments' end points);
- coordinates: the page as displayed (/Rotate applied), top-down, as pdfplumber gives them.
"""
from __future__ import annotations

import ctypes
import threading
import math
from types import SimpleNamespace

from ....document import ReadError
from ..check import check_count, metadata
from ..page import RawPage

_TALL = 2.5  # a char box this many font sizes wide or tall is a vertical-writing char


class CannotOpen(Exception):
    """PDFium could not load the file (the caller falls back to pdfplumber)."""


def _display(rotation: int, box):
    """(x, y) in PDF user space → (x, top) on the displayed page, as pdfplumber computes it
    (pdfminer's rotation matrix, then pdfplumber's flip and MediaBox offset)."""
    x0, y0, x1, y1 = box
    if rotation == 90:
        return lambda x, y: (y, x - x0)
    if rotation == 180:
        return lambda x, y: (x1 + x0 - x, y - y0)
    if rotation == 270:
        return lambda x, y: (y1 + y0 - y, x1 - x)
    return lambda x, y: (x, y1 - y)


# PDFium is not thread-safe: threads of one process (a Dask worker with several threads, a
# server) read one document at a time. Processes, the batch's workers, are unaffected.
_LOCK = threading.Lock()


class PdfiumSource:
    def __init__(self, data: bytes, settings):
        from .lib import load

        _LOCK.acquire()
        self.doc, self._held = None, True
        try:
            self._open(data, settings, load())
        except BaseException:
            self.close()
            raise

    def _open(self, data: bytes, settings, c) -> None:
        self.c = c
        self._buf = ctypes.create_string_buffer(data, len(data))  # PDFium reads it in place
        self.doc = c.FPDF_LoadMemDocument64(self._buf, len(data), None)
        if not self.doc:
            raise CannotOpen(c.FPDF_GetLastError())
        self.count = c.FPDF_GetPageCount(self.doc)
        try:
            check_count(self.count, settings)
        except ReadError:
            self.close()
            raise

    def metadata(self) -> dict:
        keys = ("Title", "Author", "Creator", "Producer", "CreationDate", "ModDate")
        return metadata(self.count, {k: _meta(self.c, self.doc, k) for k in keys})

    def close(self) -> None:
        if self.doc:
            self.c.FPDF_CloseDocument(self.doc)
            self.doc = None
        if self._held:  # close() may run twice (a failed open, then the caller's finally)
            self._held = False
            _LOCK.release()

    def pages(self):
        for i in range(self.count):
            page = self.c.FPDF_LoadPage(self.doc, i)
            if not page:
                raise ReadError("E901", f"PDF 第 {i + 1} 页损坏，无法解析")
            try:
                yield self._page(page, i + 1)
            finally:
                self.c.FPDF_ClosePage(page)

    def _page(self, page, number: int) -> RawPage:
        c = self.c
        rotation = c.FPDFPage_GetRotation(page) * 90
        l, b, r, t = (ctypes.c_float() for _ in range(4))
        if c.FPDFPage_GetMediaBox(page, l, b, r, t):
            box = (min(l.value, r.value), min(b.value, t.value), max(l.value, r.value), max(b.value, t.value))
        else:  # no MediaBox of its own: PDFium's default or inherited size
            w, h = c.FPDF_GetPageWidthF(page), c.FPDF_GetPageHeightF(page)
            box = (0.0, 0.0, h, w) if rotation in (90, 270) else (0.0, 0.0, w, h)
        height = box[3] - box[1]  # on a /Rotate 90 page, the width shown: see page.RawPage
        to = _display(rotation, box)
        chars = self._chars(page, to, box[3] if rotation == 0 else None)
        rects, paths, images = [], [], 0
        get, type_of = c.FPDFPage_GetObject, c.FPDFPageObj_GetType
        # The page's objects last to first, a form's objects (last to first) before the rest:
        # the order rects and paths always had. Most objects are text (a Word char each): only
        # their type is asked.
        k = c.FPDFPage_CountObjects(page)
        stack: list = []  # (object, outer matrix) of forms' objects still to visit
        while k or stack:
            if stack:
                obj, outer = stack.pop()
            else:
                k -= 1
                obj, outer = get(page, k), None
            kind = type_of(obj)
            if kind == c.FPDF_PAGEOBJ_PATH:
                self._path(obj, outer, to, rects, paths)
            elif kind == c.FPDF_PAGEOBJ_IMAGE:
                images += 1
            elif kind == c.FPDF_PAGEOBJ_FORM:
                m = _mul(self._matrix(obj), outer)
                stack.extend((c.FPDFFormObj_GetObject(obj, k), m)
                             for k in range(c.FPDFFormObj_CountObjects(obj)))
        return RawPage(number, height, chars, rects, paths, images)

    def _chars(self, page, to, flip) -> list[dict]:
        """The page's chars; ``flip``: the MediaBox top of an unrotated page, whose display
        coordinates are then computed inline (``to`` is two calls per char)."""
        c = self.c
        tp = c.FPDFText_LoadPage(page)
        try:
            n = c.FPDFText_CountChars(tp)
            buf = (ctypes.c_ushort * (n + 1))()
            got = c.FPDFText_GetText(tp, 0, n, buf)
            text = bytes(buf)[: 2 * max(got - 1, 0)].decode("utf-16-le", "replace")
            if len(text) != n:  # chars beyond the BMP took two UTF-16 units: one by one
                text = "".join(chr(c.FPDFText_GetUnicode(tp, j)) for j in range(n))
            maperr = c.FPDFText_HasUnicodeMapError  # None in PDFium before 2023: no (cid:) marks
            rect, m = c.FS_RECTF(), c.FS_MATRIX()
            rect_ref, m_ref = ctypes.byref(rect), ctypes.byref(m)
            # the per-char calls as locals: this loop runs for every char of the file (Word
            # writes most chars as a text object of their own: nothing is shared between chars)
            box, matrix, fontsize = c.FPDFText_GetLooseCharBox, c.FPDFText_GetMatrix, c.FPDFText_GetFontSize
            generated, hypot = c.FPDFText_IsGenerated, math.hypot
            out = []
            append = out.append
            for j, ch in enumerate(text):
                if ch.isspace() and generated(tp, j):
                    continue  # spaces and line breaks PDFium inferred: not in the file
                if maperr and maperr(tp, j):
                    ch = f"(cid:{ord(ch)})"  # what pdfminer writes for a glyph without Unicode
                box(tp, j, rect_ref)
                matrix(tp, j, m_ref)
                size = fontsize(tp, j) * hypot(m.c, m.d)
                if flip is not None:
                    ax, atop, bx, btop = rect.left, flip - rect.top, rect.right, flip - rect.bottom
                else:
                    ax, atop = to(rect.left, rect.top)
                    bx, btop = to(rect.right, rect.bottom)
                x0, x1 = (ax, bx) if ax < bx else (bx, ax)
                top, bottom = (atop, btop) if atop < btop else (btop, atop)
                if x1 - x0 > _TALL * size or bottom - top > _TALL * size:
                    x0, x1, bottom = self._upright(tp, j, to, size)
                append({"text": ch, "x0": x0, "x1": x1, "top": bottom - size, "bottom": bottom,
                        "size": size})
            return out
        finally:
            c.FPDFText_ClosePage(tp)

    def _upright(self, tp, j, to, size):
        """Vertical writing (Identity-V fonts, stacked group labels): PDFium's loose box spans
        the whole font unit square; pdfminer puts a size × size box at the origin, its left
        edge and bottom there."""
        ox, oy = ctypes.c_double(), ctypes.c_double()
        self.c.FPDFText_GetCharOrigin(tp, j, ctypes.byref(ox), ctypes.byref(oy))
        x0, bottom = to(ox.value, oy.value)
        return x0, x0 + size, bottom

    # Out-parameters reused for every path: Word tables are drawn cell border by cell border,
    # hundreds of paths a page, and allocating ctypes objects per call showed in profiles.
    # The functions called per object take them by reference (lib binds them without
    # argtypes), so the byref()s are made once too.
    _out = None

    def _outs(self):
        if self._out is None:
            ref = ctypes.byref
            o = SimpleNamespace(m=self.c.FS_MATRIX(), rgba=[ctypes.c_uint() for _ in range(4)],
                                fillmode=ctypes.c_int(), stroke=ctypes.c_int(),
                                x=ctypes.c_float(), y=ctypes.c_float())
            o.m_ref, o.rgba_refs = ref(o.m), [ref(v) for v in o.rgba]
            o.fillmode_ref, o.stroke_ref, o.x_ref, o.y_ref = ref(o.fillmode), ref(o.stroke), ref(o.x), ref(o.y)
            self._out = o
        return self._out

    def _matrix(self, obj):
        out = self._outs()
        if not self.c.FPDFPageObj_GetMatrix(obj, out.m_ref):
            return None
        m = out.m
        return (m.a, m.b, m.c, m.d, m.e, m.f)

    def _color(self, getter, obj):
        out = self._outs()
        if not getter(obj, *out.rgba_refs):
            return None
        r, g, b, _ = out.rgba
        return (r.value / 255, g.value / 255, b.value / 255)

    def _path(self, obj, outer, to, rects, paths) -> None:
        c, out = self.c, self._outs()
        c.FPDFPath_GetDrawMode(obj, out.fillmode_ref, out.stroke_ref)
        fill, stroke = out.fillmode.value != 0, bool(out.stroke.value)
        if not fill and not stroke:
            return  # a clipping path: nothing is drawn (pdfminer makes no object for it)
        paint = {"fill": fill, "stroke": stroke,
                 "stroking_color": self._color(c.FPDFPageObj_GetStrokeColor, obj),
                 "non_stroking_color": self._color(c.FPDFPageObj_GetFillColor, obj)}
        m = _mul(self._matrix(obj), outer)
        ma, mb, mc, md, me, mf = m or (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        x, y, x_ref, y_ref = out.x, out.y, out.x_ref, out.y_ref
        segment, kind_of, point, closes = (c.FPDFPath_GetPathSegment, c.FPDFPathSegment_GetType,
                                           c.FPDFPathSegment_GetPoint, c.FPDFPathSegment_GetClose)
        moveto, bezierto = c.FPDF_SEGMENT_MOVETO, c.FPDF_SEGMENT_BEZIERTO
        subpaths: list[tuple[list, list]] = []  # (shape letters, points) per subpath
        shape = pts = None
        bezier = 0
        for k in range(c.FPDFPath_CountSegments(obj)):
            seg = segment(obj, k)
            kind = kind_of(seg)
            if kind == bezierto and shape is not None:
                bezier += 1
                if bezier % 3:  # pdfminer keeps a curve's end point, not its controls
                    if closes(seg):
                        shape.append("h")
                        pts.append(pts[0])
                    continue
            point(seg, x_ref, y_ref)
            px, py = x.value, y.value
            pt = (px, py) if m is None else (ma * px + mc * py + me, mb * px + md * py + mf)
            if kind == moveto or shape is None:
                shape, pts = ["m"], [pt]
                subpaths.append((shape, pts))
            else:
                shape.append("c" if kind == bezierto else "l")
                pts.append(pt)
            if closes(seg):
                shape.append("h")
                pts.append(pts[0])
        for shape, pts in subpaths:
            _classify("".join(shape), pts, paint, to, rects, paths)


def _mul(m, outer):
    """The matrix ``m`` then ``outer`` (PDF row-vector convention); None is the identity."""
    if m is None or outer is None:
        return m or outer
    a, b, c, d, e, f = m
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D,
            e * A + f * C + E, e * B + f * D + F)


def _classify(shape, pts, paint, to, rects, paths) -> None:
    """One subpath as pdfminer's ``paint_path`` makes it: a line, a rect or a curve."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape, pts = shape[:-2] + "h", pts[:-1]  # a redundant "l" on a path closed with "h"
    if len(pts) < 2:
        return
    if shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or \
                 (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            pts = [to(*pts[0]), to(*pts[2])]
            rects.append({**paint, **_bounds(pts)})
            return
    if shape in ("mlh", "ml"):
        pts = pts[:2]
    shown = [to(*p) for p in pts]
    paths.append({**paint, **_bounds(shown), "pts": shown})


def _bounds(pts) -> dict:
    xs, tops = [p[0] for p in pts], [p[1] for p in pts]
    return {"x0": min(xs), "top": min(tops), "x1": max(xs), "bottom": max(tops)}


def _meta(c, doc, key: str) -> str:
    n = c.FPDF_GetMetaText(doc, key.encode(), None, 0)
    if n <= 2:
        return ""
    buf = ctypes.create_string_buffer(n)
    c.FPDF_GetMetaText(doc, key.encode(), buf, n)
    return buf.raw[: n - 2].decode("utf-16-le", "replace")
