"""The report model: what a report says, in the template's vocabulary. Rules see only this.

It is built from a Document by ``audit.model.build`` and serialised by ``to_dict`` into the JSON of
``xxgk-audit extract`` (``schemas/report.schema.json``). ``from_dict`` reads the same JSON back,
so rule tests can state a model directly as a (partial) dict without any reader.

Table values live in ``tables[t][row/column]``: a number, None for a blank cell, or the printed
string ("-", "/", "无"). A key that is absent means the document does not have that cell.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields


@dataclass
class Section:
    number: int  # 1..6, the template's section this heading was recognised as
    title: str  # the canonical title (template.SECTIONS)
    heading: str  # the heading as printed
    page: int | None = None
    line: int | None = None
    ordinal: int | None = None  # the number printed before the title (一、 → 1), None if none
    text: str = ""  # the section's prose (tables excluded), for the narrative rules
    tables: list[str] = field(default_factory=list)  # table ids found in this section ("t3", ...)


@dataclass
class Period:
    start: str | None = None  # ISO date, None when the report does not state it
    end: str | None = None
    text: str = ""  # the sentence as printed
    kind: str = "range"  # "range" | "end_only" (截至…, 数据核定时间点) | "no_year"
    line: int | None = None
    page: int | None = None


@dataclass
class Contact:
    address: str | None = None
    postcode: str | None = None
    phone: list[str] = field(default_factory=list)
    fax: list[str] = field(default_factory=list)
    email: list[str] = field(default_factory=list)
    website: list[str] = field(default_factory=list)
    text: str = ""  # the sentence(s) the details were read from
    line: int | None = None
    page: int | None = None


@dataclass
class Label:
    """A row or column label as printed, and what it was mapped to (or not)."""

    table: str  # "t2" | "t3" | "t4"
    kind: str  # "row" | "column"
    printed: str
    key: str | None = None  # canonical key; None when unmapped
    expected: str | None = None  # the template's wording, when mapped
    exact: bool = True  # printed == expected after folding
    line: int | None = None
    page: int | None = None
    values: list = field(default_factory=list)  # an unmapped row's values, so nothing is lost


@dataclass
class TableProblem:
    table: str  # "t2" | "t3" | "t4" | "?"
    reason: str
    line: int | None = None
    page: int | None = None


@dataclass
class ReportModel:
    path: str = ""
    format: str = "text"
    title: str = ""
    report_year: int | None = None
    agency: str | None = None
    template: str = "unknown"  # "2021" | "2019" | "mixed" | "unknown"
    # What kind of document this is (rule S109): "report", "news", "letter", "blank_template",
    # "university", "enterprise", "legacy" (before the 2019 template), "unknown".
    kind: str = "report"
    kind_reason: str = ""
    published: str | None = None  # ISO date of publication, when known
    # Where ``published`` was read (model/dates.SOURCES): "option" (--published), "manifest",
    # "page", "pdf_created", "pdf_modified" (the file's dates: weaker), "signature".
    published_source: str | None = None
    sections: list[Section] = field(default_factory=list)
    intro: str = ""  # text before the first section heading
    period: Period | None = None
    contact: Contact | None = None
    download: str | None = None  # the sentence saying where the electronic version is
    tables: dict = field(default_factory=lambda: {"t2": {}, "t3": {}, "t4": {}})
    # Where each cell came from: "t3/received/total" -> {"line": 12, "page": None}
    locations: dict = field(default_factory=dict)
    # The printed header of each mapped column: "t2/fees/amount" -> "票据工本费"
    headers: dict = field(default_factory=dict)
    labels: list[Label] = field(default_factory=list)  # every row/column label seen
    table_problems: list[TableProblem] = field(default_factory=list)  # unmappable tables (E904)
    signals: dict = field(default_factory=lambda: {"2019": [], "2021": []})
    problems: list = field(default_factory=list)  # reading problems [code, message] (E903…)
    # .docx only: [Word table number, first paragraph number, last, rows trimmed at the top] of
    # each table, so that a paragraph number in a table reads as 表N第M行 (read/docx/reader.py).
    word_tables: list = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "ReportModel":
        """Build a model from (possibly partial) extract JSON; absent fields take defaults."""
        known = {f.name for f in fields(cls)}
        kw = {k: v for k, v in data.items() if k in known}
        if "sections" in kw:
            kw["sections"] = [Section(**s) for s in kw["sections"]]
        if kw.get("period") is not None:
            kw["period"] = Period(**kw["period"])
        if kw.get("contact") is not None:
            kw["contact"] = Contact(**kw["contact"])
        if "labels" in kw:
            kw["labels"] = [Label(**x) for x in kw["labels"]]
        if "table_problems" in kw:
            kw["table_problems"] = [TableProblem(**x) for x in kw["table_problems"]]
        if "tables" in kw:
            kw["tables"] = {"t2": {}, "t3": {}, "t4": {}, **kw["tables"]}
        return cls(**kw)

    def section(self, number: int) -> Section | None:
        return next((s for s in self.sections if s.number == number), None)

    def cell(self, table: str, key: str):
        """(present, value) of one cell; present is False when the document lacks it."""
        t = self.tables.get(table, {})
        return (key in t), t.get(key)
