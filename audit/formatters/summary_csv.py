"""``--summary FILE.csv``: one row per report, for oversight offices that sort and filter in Excel.

Written as UTF-8 with a BOM and CRLF line ends: without the BOM, Excel on Chinese Windows reads
the file as GBK and the agency names come out as mojibake. Text that comes from documents
(agency, path, manifest columns) could start with ``=`` ``+`` ``-`` ``@`` and would then be run
by Excel as a formula ("CSV injection"); such cells get a leading apostrophe, which Excel shows
as plain text.
"""
from __future__ import annotations

import csv
import io

SEVERITIES = ("error", "warning", "info")
COLUMNS = ["path", "agency", "year", "template", "format", *SEVERITIES, "not_assessable",
           "failed", "not_assessable_codes"]
# Manifest columns that already have a column of their own above.
_MANIFEST_SHADOWED = {"path", "agency", "year", "template", "format"}


def _safe(value) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    s = str(value)
    if s[:1] in ("=", "+", "@", "\t", "\r") or (s[:1] == "-" and not _is_number(s)):
        return "'" + s
    return s


def _is_number(s: str) -> bool:
    try:
        float(s)
        return True
    except ValueError:
        return False


def row(report: dict) -> dict:
    """The summary row of one report (before manifest columns)."""
    counts = {s: 0 for s in SEVERITIES}
    for f in report.get("findings") or []:
        if f.get("severity") in counts:
            counts[f["severity"]] += 1
    outcomes = report.get("outcomes") or {}
    failed = {c for c, o in outcomes.items() if o == "fail"}
    failed |= {f.get("rule") for f in report.get("findings") or [] if f.get("rule")}
    na = sorted(c for c, o in outcomes.items() if o == "not_assessable")
    return {"path": report.get("path"), "agency": report.get("agency"),
            "year": report.get("report_year"), "template": report.get("template"),
            "format": report.get("format"), **counts, "not_assessable": len(na),
            # space-separated: one cell, and Excel's filter "contains T203" works on it
            "failed": " ".join(sorted(failed)), "not_assessable_codes": " ".join(na)}


def render(result: dict) -> str:
    """The CSV text (without BOM; ``write`` adds it)."""
    reports = result.get("reports") or []
    extra: list[str] = []  # manifest columns in first-seen order
    for r in reports:
        for k in (r.get("manifest") or {}):
            if k not in _MANIFEST_SHADOWED and k not in COLUMNS and k not in extra:
                extra.append(k)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(COLUMNS + [_safe(k) for k in extra])  # manifest column names come from users
    for r in reports:
        base = row(r)
        manifest = r.get("manifest") or {}
        # The manifest names the agency and year when the document does not say them clearly.
        for k, mk in (("agency", "agency"), ("year", "year")):
            if base[k] in (None, "") and manifest.get(mk) not in (None, ""):
                base[k] = manifest[mk]
        w.writerow([_safe(base[c]) for c in COLUMNS] + [_safe(manifest.get(k)) for k in extra])
    return buf.getvalue()


ENCODING = "utf-8-sig"  # the BOM Excel needs


def write(result: dict, file: str) -> None:
    with open(file, "w", encoding=ENCODING, newline="") as fh:
        fh.write(render(result))
