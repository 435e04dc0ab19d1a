"""``check --manifest FILE.csv``: the list of reports an oversight office keeps in a spreadsheet.

Columns ``path, agency, year, published``; any other column is carried through unchanged into
each report's ``"manifest"`` dict (so ``--summary`` and the JSON carry it). Only ``path`` is
required. Chinese column names that offices actually use (文件路径, 单位, 年度, 发布日期, …)
are accepted as aliases of the four.

The file is written by Excel more often than by a program, so reading is forgiving:
UTF-8 with or without BOM, GBK/GB18030 (what "CSV (逗号分隔)" gives on Chinese Windows),
UTF-16 ("Unicode 文本", tab-separated); comma, tab or semicolon as separator; blank rows
skipped; Windows back-slashes in paths. Relative paths are taken relative to the manifest's
folder, so the manifest can sit beside the reports and be run from anywhere.

A row is never dropped: a row without a path still becomes a report entry (E901 with the row
number). A row with a ``fetch_error`` (written by ``xxgk-audit fetch`` for a listed report it
could not get: a 404, a page whose body a script loads) is E901 with that reason, file or none.
Only a manifest that cannot be used at all (unreadable, no ``path`` column) is an error
(``ManifestError``, exit status 2).
"""
from __future__ import annotations

import csv
import io
import os
import re
from dataclasses import dataclass, field

COLUMNS = ("path", "agency", "year", "published")
ALIASES = {
    "path": "path", "file": "path", "路径": "path", "文件": "path", "文件路径": "path",
    "文件名": "path", "报告文件": "path",
    "agency": "agency", "机关": "agency", "单位": "agency", "机关名称": "agency",
    "单位名称": "agency", "发布机关": "agency",
    "year": "year", "年度": "year", "年份": "year", "报告年度": "year",
    "published": "published", "发布日期": "published", "发布时间": "published",
    "公开日期": "published", "公开时间": "published",
    # Traditional spellings (a Big5 list from Hong Kong or Taiwan)
    "路徑": "path", "檔案": "path", "文件路徑": "path", "檔案路徑": "path", "檔名": "path",
    "機關": "agency", "單位": "agency", "機關名稱": "agency", "單位名稱": "agency",
    "年份": "year", "報告年度": "year", "發布日期": "published", "發佈日期": "published",
}


MAX_BYTES = 50 * 1024 * 1024  # a list of a million reports is far smaller


class ManifestError(Exception):
    """The manifest cannot be used at all; the CLI turns it into exit status 2."""


@dataclass
class Entry:
    """One manifest row: the resolved file path, the row (canonical column names), and where
    the row is, so that messages can point at it."""

    path: str
    row: dict
    source: str  # the manifest file
    line: int  # the row number Excel shows
    error: str | None = None  # set when the row itself is unusable (no path)
    fill: dict = field(default_factory=dict)  # report_year / agency / published for the model

    @property
    def where(self) -> str:
        return f"清单 {self.source} 第 {self.line} 行"


def _utf16(raw: bytes) -> str | None:
    """UTF-16 without a BOM (some exporters): ASCII column names put a NUL in every other byte."""
    head = raw[:400]
    if len(head) < 4:
        return None
    even, odd = head[0::2].count(0), head[1::2].count(0)
    codec = "utf-16-le" if odd > len(head) // 4 and even == 0 else \
        "utf-16-be" if even > len(head) // 4 and odd == 0 else None
    try:
        return raw.decode(codec) if codec else None
    except UnicodeDecodeError:
        return None


def _common(text: str, codec: str, leads: range) -> int:
    """Chinese characters of ``text`` that are among the frequent ones of ``codec`` (level 1 of
    GB2312 or of Big5): the right decoding of a real file is mostly frequent characters."""
    n = 0
    for ch in text:
        if "\u4e00" <= ch <= "\u9fff":
            try:
                n += ch.encode(codec)[0] in leads
            except UnicodeEncodeError:
                pass
    return n


def decode(raw: bytes) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    text = _utf16(raw)  # before UTF-8: ASCII with a NUL between letters is valid UTF-8 too
    if text is not None:
        return text
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # GB18030 is a superset of GBK and GB2312: Chinese Excel's "CSV" encoding. A Big5 file
    # (Hong Kong, Taiwan) often decodes as GB18030 too, into rare characters: keep the
    # decoding whose characters are the common ones.
    found = {}
    for codec, check, leads in (("gb18030", "gb2312", range(0xB0, 0xD8)),
                                ("big5", "big5", range(0xA4, 0xC7))):
        try:
            found[codec] = raw.decode(codec)
        except UnicodeDecodeError:
            continue
        found[codec] = (_common(found[codec], check, leads), found[codec])
    if not found:
        raise ManifestError("cannot decode the manifest: it is neither UTF-8, UTF-16, "
                            "GBK/GB18030 nor Big5")
    return max(found.values(), key=lambda x: x[0])[1] if len(found) > 1 else \
        next(iter(found.values()))[1]


def _delimiter(text: str) -> str:
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    counts = {d: first.count(d) for d in (",", "\t", ";")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _header(cells: list[str]) -> list[str | None]:
    names: list[str | None] = []
    for i, cell in enumerate(cells, 1):
        raw = cell.replace("\ufeff", "").strip()
        name = ALIASES.get(raw.casefold(), ALIASES.get(raw, raw))
        if not name:
            names.append(None)  # an empty header cell: Excel's trailing columns
            continue
        while name in names:  # a repeated column name keeps both values
            name += "_2"
        names.append(name)
    return names


def parse_year(value) -> int | None:
    m = re.fullmatch(r"\s*(\d{4})(?:\.0+)?\s*(?:年度?)?\s*", str(value or ""))
    return int(m.group(1)) if m and 1990 <= int(m.group(1)) <= 2100 else None


def parse_date(value) -> str | None:
    """ISO date from 2024-01-20, 2024/1/20, 2024.1.20, 2024年1月20日 (a time after it is
    ignored); None when it is not a date."""
    m = re.match(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]|$)",
                 str(value or "") + " ")
    if not m:
        return None
    import datetime

    try:
        return datetime.date(*map(int, m.groups())).isoformat()
    except ValueError:
        return None


def _fill(row: dict) -> dict:
    """What the row may tell the model when the document itself does not say it."""
    out = {}
    if parse_year(row.get("year")) is not None:
        out["report_year"] = parse_year(row.get("year"))
    if (row.get("agency") or "").strip():
        out["agency"] = row["agency"].strip()
    if parse_date(row.get("published")):
        out["published"] = parse_date(row.get("published"))
    return out


def _resolve(path: str, folder: str) -> str:
    p = path.strip()
    if os.sep == "/" and "\\" in p and not os.path.exists(os.path.join(folder, p)):
        p = p.replace("\\", "/")  # a path typed on Windows
    return os.path.normpath(os.path.join(folder, p)) if not os.path.isabs(p) else os.path.normpath(p)


def load(file: str) -> tuple[list[Entry], list[str]]:
    """The entries of a manifest, in row order, and warnings (duplicate paths, dates that are
    not dates) for stderr."""
    try:
        with open(file, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as err:
        raise ManifestError(f"cannot read the manifest {file}: {err.strerror or err}") from None
    if len(raw) > MAX_BYTES:
        raise ManifestError(f"manifest {file} is larger than {MAX_BYTES} bytes")
    text = decode(raw)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""),
                               delimiter=_delimiter(text)))
    except csv.Error as err:  # e.g. a cell over the csv module's 128 KiB field limit
        raise ManifestError(f"manifest {file} is not a usable CSV file: {err}") from None
    top = next((i for i, cells in enumerate(rows) if any(c.strip() for c in cells)), len(rows))
    header = _header(rows[top]) if rows[top:] else []
    if "path" not in header:
        found = ", ".join(h for h in header if h) or "nothing"
        raise ManifestError(
            f'manifest {file} has no "path" column: its first row must name the columns, '
            f"e.g. path,agency,year,published (found: {found})")
    folder = os.path.dirname(file)
    entries: list[Entry] = []
    warnings: list[str] = []
    seen: dict[str, int] = {}
    for n, cells in enumerate(rows[top + 1:], top + 2):  # n: the row number Excel shows
        if not any(c.strip() for c in cells):
            continue
        row = {name: (cells[i].strip() if i < len(cells) else "")
               for i, name in enumerate(header) if name}
        where = f"manifest {file}:{n}"
        if row.get("published") and not parse_date(row["published"]):
            warnings.append(f"{where}: published {row['published']!r} is not a date (YYYY-MM-DD)")
        elif row.get("published"):
            row["published"] = parse_date(row["published"])  # one spelling in the outputs
        error = f"{row['fetch_error']}（清单 {file} 第 {n} 行）" if row.get("fetch_error") else None
        if not row["path"]:  # still an entry: the office listed a report, the outputs say so
            entries.append(Entry(f"{file}:{n}", row, file, n, fill=_fill(row),
                                 error=error or f"清单 {file} 第 {n} 行没有填写文件路径（path）"))
            continue
        path = _resolve(row["path"], folder)
        if path in seen:
            warnings.append(f"{where}: {row['path']} is listed again (first on row {seen[path]}); "
                            "checked once")
            continue
        seen[path] = n
        entries.append(Entry(path, row, file, n, fill=_fill(row), error=error))
    return entries, warnings
