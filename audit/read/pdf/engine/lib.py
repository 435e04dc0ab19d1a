"""The few PDFium functions the engine calls, bound with ctypes to pypdfium2's own libpdfium.

pypdfium2's raw module binds all ~500 PDFium functions when imported: 15–20 ms of every
fresh process (more on a loaded machine), for the ~30 used here. So the library that
pypdfium2 ships is loaded directly and only these are bound. When it is not where a wheel puts
it (a distribution's own pypdfium2 build), the raw module is used instead: it has the same
names and structures.
"""
from __future__ import annotations

import ctypes
import os
import sys
from ctypes import POINTER, c_char_p, c_double, c_float, c_int, c_uint, c_ulong, c_void_p
from types import SimpleNamespace

_P = c_void_p  # every PDFium handle (as an argument)


class _Handle(c_void_p):
    """A handle as a result: a subclass of c_void_p stays a ctypes object instead of becoming a
    Python int, so it can be passed on to the functions bound without ``argtypes`` (an int would
    be passed as a 32-bit C int) and is false when NULL."""
_F4, _U4 = [POINTER(c_float)] * 4, [POINTER(c_uint)] * 4


class FS_RECTF(ctypes.Structure):
    _fields_ = [("left", c_float), ("top", c_float), ("right", c_float), ("bottom", c_float)]


class FS_MATRIX(ctypes.Structure):
    _fields_ = [(n, c_float) for n in "abcdef"]


class FPDF_LIBRARY_CONFIG(ctypes.Structure):
    _fields_ = [("version", c_int), ("m_pUserFontPaths", POINTER(c_char_p)),
                ("m_pIsolate", c_void_p), ("m_v8EmbedderSlot", c_uint)]


_SIGNATURES = {  # name: (result, arguments)
    "FPDF_InitLibraryWithConfig": (None, [POINTER(FPDF_LIBRARY_CONFIG)]),
    "FPDF_LoadMemDocument64": (_P, [c_void_p, ctypes.c_size_t, c_char_p]),
    "FPDF_GetLastError": (c_ulong, []),
    "FPDF_GetPageCount": (c_int, [_P]),
    "FPDF_CloseDocument": (None, [_P]),
    "FPDF_GetMetaText": (c_ulong, [_P, c_char_p, c_void_p, c_ulong]),
    "FPDF_LoadPage": (_P, [_P, c_int]),
    "FPDF_ClosePage": (None, [_P]),
    "FPDF_GetPageWidthF": (c_float, [_P]),
    "FPDF_GetPageHeightF": (c_float, [_P]),
    "FPDFPage_GetRotation": (c_int, [_P]),
    "FPDFPage_GetMediaBox": (c_int, [_P] + _F4),
    "FPDFPage_CountObjects": (c_int, [_P]),
    "FPDFPage_GetObject": (_P, [_P, c_int]),
    "FPDFPageObj_GetType": (c_int, [_P]),
    "FPDFPageObj_GetMatrix": (c_int, [_P, POINTER(FS_MATRIX)]),
    "FPDFPageObj_GetStrokeColor": (c_int, [_P] + _U4),
    "FPDFPageObj_GetFillColor": (c_int, [_P] + _U4),
    "FPDFFormObj_CountObjects": (c_int, [_P]),
    "FPDFFormObj_GetObject": (_P, [_P, c_ulong]),
    "FPDFPath_GetDrawMode": (c_int, [_P, POINTER(c_int), POINTER(c_int)]),
    "FPDFPath_CountSegments": (c_int, [_P]),
    "FPDFPath_GetPathSegment": (_P, [_P, c_int]),
    "FPDFPathSegment_GetType": (c_int, [_P]),
    "FPDFPathSegment_GetPoint": (c_int, [_P, POINTER(c_float), POINTER(c_float)]),
    "FPDFPathSegment_GetClose": (c_int, [_P]),
    "FPDFText_LoadPage": (_P, [_P]),
    "FPDFText_ClosePage": (None, [_P]),
    "FPDFText_CountChars": (c_int, [_P]),
    "FPDFText_GetText": (c_int, [_P, c_int, c_int, c_void_p]),
    "FPDFText_GetUnicode": (c_uint, [_P, c_int]),
    "FPDFText_IsGenerated": (c_int, [_P, c_int]),
    "FPDFText_HasUnicodeMapError": (c_int, [_P, c_int]),
    "FPDFText_GetLooseCharBox": (c_int, [_P, c_int, POINTER(FS_RECTF)]),
    "FPDFText_GetMatrix": (c_int, [_P, c_int, POINTER(FS_MATRIX)]),
    "FPDFText_GetFontSize": (c_double, [_P, c_int]),
    "FPDFText_GetCharOrigin": (c_int, [_P, c_int, POINTER(c_double), POINTER(c_double)]),
}
# Called per char, per page object or per path segment (tens of thousands of calls a file):
# bound without ``argtypes``, which halves ctypes' cost per call (no conversion of each argument
# by its declared type). Their arguments are only handles (_Handle), Python ints that fit a C
# int, and byref() out-parameters, which ctypes passes as they are.
_FAST = {"FPDFPage_GetObject", "FPDFPageObj_GetType", "FPDFPageObj_GetMatrix",
         "FPDFPageObj_GetStrokeColor", "FPDFPageObj_GetFillColor", "FPDFPath_GetDrawMode",
         "FPDFPath_CountSegments", "FPDFPath_GetPathSegment", "FPDFPathSegment_GetType",
         "FPDFPathSegment_GetPoint", "FPDFPathSegment_GetClose", "FPDFText_GetUnicode",
         "FPDFText_IsGenerated", "FPDFText_HasUnicodeMapError", "FPDFText_GetLooseCharBox",
         "FPDFText_GetMatrix", "FPDFText_GetFontSize", "FPDFText_GetCharOrigin"}
_CONSTANTS = {"FPDF_PAGEOBJ_PATH": 2, "FPDF_PAGEOBJ_IMAGE": 3, "FPDF_PAGEOBJ_FORM": 5,
              "FPDF_SEGMENT_MOVETO": 2, "FPDF_SEGMENT_BEZIERTO": 1}
_LIB = None


def _library_file() -> str | None:
    from importlib.util import find_spec

    spec = find_spec("pypdfium2_raw")  # finds the package without importing its bindings
    if spec is None or not spec.submodule_search_locations:
        return None
    name = {"win32": "pdfium.dll", "darwin": "libpdfium.dylib"}.get(sys.platform, "libpdfium.so")
    path = os.path.join(spec.submodule_search_locations[0], name)
    return path if os.path.isfile(path) else None


def _bind(path: str) -> SimpleNamespace:
    dll = ctypes.CDLL(path)
    ns = SimpleNamespace(FS_RECTF=FS_RECTF, FS_MATRIX=FS_MATRIX,
                         FPDF_LIBRARY_CONFIG=FPDF_LIBRARY_CONFIG, **_CONSTANTS)
    for name, (result, args) in _SIGNATURES.items():
        fn = getattr(dll, name, None)  # None: an older PDFium (HasUnicodeMapError is recent)
        if fn is not None:
            fn.restype = _Handle if result is _P else result
            if name not in _FAST:
                fn.argtypes = args
        setattr(ns, name, fn)
    return ns


def load():
    """PDFium, initialised once per process (PDFium ignores pypdfium2's second init)."""
    global _LIB
    if _LIB is None:
        path = _library_file()
        if path:
            lib = _bind(path)
        else:
            import pypdfium2_raw as lib
        lib.FPDF_InitLibraryWithConfig(lib.FPDF_LIBRARY_CONFIG(
            version=2, m_pUserFontPaths=None, m_pIsolate=None, m_v8EmbedderSlot=0))
        _LIB = lib
    return _LIB
