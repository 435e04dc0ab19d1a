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
# Headers as the reader reads them (--lang); English headers are the keys themselves, which
# scripts rely on. Manifest columns keep the manifest's own header.
HEADERS = {"zh": {"path": "文件", "agency": "机关", "year": "报告年度", "template": "格式版本",
                  "format": "文件格式", "error": "错误", "warning": "警告", "info": "提示",
                  "not_assessable": "无法评估数", "failed": "未通过的规则",
                  "not_assessable_codes": "无法评估的规则"},
           "en": {c: c for c in COLUMNS}}
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


def render(result: dict, lang: str = "en") -> str:
    """The CSV text (without BOM; ``write`` adds it), headers in ``lang``."""
    reports = result.get("reports") or []
    extra: list[str] = []  # manifest columns in first-seen order
    for r in reports:
        for k in (r.get("manifest") or {}):
            if k not in _MANIFEST_SHADOWED and k not in COLUMNS and k not in extra:
                extra.append(k)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    names = HEADERS.get(lang, HEADERS["en"])
    w.writerow([names[c] for c in COLUMNS] + [_safe(k) for k in extra])  # manifest names come from users
    for r in reports:
        base = row(r)
        manifest = r.get("manifest") or {}
        # The manifest's agency is the name the office keeps (the runner already put it in the
        # report); its year fills in when the document does not say it.
        if manifest.get("agency") not in (None, ""):
            base["agency"] = manifest["agency"]
        if base["year"] in (None, "") and manifest.get("year") not in (None, ""):
            base["year"] = manifest["year"]
        w.writerow([_safe(base[c]) for c in COLUMNS] + [_safe(manifest.get(k)) for k in extra])
    return buf.getvalue()


ENCODING = "utf-8-sig"  # the BOM Excel needs


def write(result: dict, file: str, lang: str = "en") -> None:
    with open(file, "w", encoding=ENCODING, newline="") as fh:
        fh.write(render(result, lang))
