"""Mutation study: how many injected defects do the rules find, and which rules find them?

Each example report (``examples/*.html``, ``*.txt``, and the clean PDF fixtures under
``tests/fixtures/pdf``) is read once; then one defect at a time is injected into a copy of the
read document (so every format gets the same defects) and the rules are run on it:

- ``cell``: a value cell of a statistics table (not a total row) is changed by +1;
- ``total``: a cell of a total row (总计/合计) is blanked;
- ``heading``: one section heading is dropped (its text stays);
- ``year``: the year of the statistics period (…年1月1日至…年12月31日) is moved back one year;
- ``contact``: the sentences with the contact details (电话, 地址, 邮编, 邮箱, 联系) are deleted;
- ``swap``: the values of two rows of a table (labels left in place) are swapped.

A mutant is *found* when some finding appears that the clean report did not have (same rule at
the same place). For each rule the table prints how many mutants of each kind it found, and in
the last column on how many clean reports it already fires (wrongly flagged, if the example is
clean). The line ``any rule`` is the share of mutants found at all.

    python bench/mutations.py            # the table (markdown), a few seconds per report
    python bench/mutations.py --per 3    # at most 3 mutants of each kind per report
"""
from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from audit.checks.engine import Settings, check_model  # noqa: E402
from audit.checks.packs import default_pack  # noqa: E402
from audit.model.build import build_model  # noqa: E402
from audit.model.sections import find_sections  # noqa: E402
from audit.normalize import parse_cell  # noqa: E402
from audit.read import read_path  # noqa: E402

KINDS = ["cell", "total", "heading", "year", "contact", "swap"]
_TOTAL = re.compile(r"总计|合计|总数")
_PERIOD = re.compile(r"(\d{4})(\s*年\s*1\s*月\s*1\s*日.{0,6}?)(\d{4})(\s*年\s*12\s*月\s*31\s*日)")
_CONTACT = re.compile(r"电话|地址|邮编|邮箱|联系")


def reports() -> list[Path]:
    pdfs = ROOT / "tests" / "fixtures" / "pdf"
    return sorted(ROOT.glob("examples/*.html")) + sorted(ROOT.glob("examples/*.txt")) + \
        sorted(p for p in pdfs.glob("*.pdf") if "defect" not in p.name)


def _spread(items: list, n: int) -> list:
    """``n`` items spread over the list (deterministic: the study is reproducible)."""
    if len(items) <= n:
        return items
    step = len(items) / n
    return [items[int(i * step)] for i in range(n)]


def _value_cells(doc, totals: bool):
    out = []
    for b, block in enumerate(doc.blocks):
        if block.kind != "table":
            continue
        for r, row in enumerate(block.rows):
            label = "".join(c.text for c in row[:3])
            if bool(_TOTAL.search(label)) != totals:
                continue
            for c, cell in enumerate(row):
                if not cell.spanned and isinstance(parse_cell(cell.text), int):
                    out.append((b, r, c))
    return out


def mutants(doc, kind: str, per: int):
    """(description, mutated copy) for one kind of defect."""
    if kind in ("cell", "total"):
        for b, r, c in _spread(_value_cells(doc, totals=kind == "total"), per):
            m = copy.deepcopy(doc)
            cell = m.blocks[b].rows[r][c]
            cell.text = "" if kind == "total" else str(parse_cell(cell.text) + 1)
            yield f"block {b} row {r} col {c}", m
    elif kind == "heading":
        for i, n, *_ in _spread(list(find_sections(doc.blocks)), per):
            m = copy.deepcopy(doc)
            del m.blocks[i]
            yield f"section {n}", m
    elif kind == "year":
        for i, block in enumerate(doc.blocks):
            if block.kind != "table" and _PERIOD.search(block.text):
                m = copy.deepcopy(doc)
                m.blocks[i].text = _PERIOD.sub(lambda g: f"{int(g[1]) - 1}{g[2]}{int(g[3]) - 1}{g[4]}",
                                               block.text)
                yield f"block {i}", m
                return
    elif kind == "contact":
        m = copy.deepcopy(doc)
        cut = 0
        for block in m.blocks:
            if block.kind != "table" and _CONTACT.search(block.text):
                parts = re.split(r"(?<=[。；])", block.text)
                block.text = "".join(p for p in parts if not _CONTACT.search(p))
                cut += 1
        m.blocks = [b for b in m.blocks if b.kind == "table" or b.text.strip()]
        if cut:
            yield f"{cut} paragraphs", m
    elif kind == "swap":
        pairs = []
        for b, block in enumerate(doc.blocks):
            if block.kind != "table":
                continue
            rows = [r for r, row in enumerate(block.rows)
                    if sum(isinstance(parse_cell(c.text), int) and not c.spanned for c in row) >= 2]
            for r1, r2 in zip(rows, rows[1:]):
                if _values(block.rows[r1]) != _values(block.rows[r2]) and \
                        len(_values(block.rows[r1])) == len(_values(block.rows[r2])):
                    pairs.append((b, r1, r2))
        for b, r1, r2 in _spread(pairs, per):
            m = copy.deepcopy(doc)
            rows = m.blocks[b].rows
            i1 = [c for c, cell in enumerate(rows[r1]) if isinstance(parse_cell(cell.text), int) and not cell.spanned]
            i2 = [c for c, cell in enumerate(rows[r2]) if isinstance(parse_cell(cell.text), int) and not cell.spanned]
            for a, z in zip(i1, i2):
                rows[r1][a].text, rows[r2][z].text = rows[r2][z].text, rows[r1][a].text
            yield f"block {b} rows {r1}/{r2}", m


def _values(row) -> list:
    return [c.text for c in row if not c.spanned and isinstance(parse_cell(c.text), int)]


def findings(doc, pack) -> set[tuple[str, str]]:
    model = build_model(copy.deepcopy(doc))
    result = check_model(model, pack, Settings())
    return {(f["rule"], json.dumps(f["location"], sort_keys=True, ensure_ascii=False))
            for f in result["findings"]}


def study(per: int):
    pack = default_pack()
    found: dict[str, dict[str, int]] = {}  # rule -> kind -> mutants found
    total = {k: 0 for k in KINDS}
    any_found = {k: 0 for k in KINDS}
    clean_flags: dict[str, int] = {}
    files = reports()
    for path in files:
        doc = read_path(str(path))
        base = findings(doc, pack)
        for rule in {r for r, _ in base}:
            clean_flags[rule] = clean_flags.get(rule, 0) + 1
        for kind in KINDS:
            for _what, m in mutants(doc, kind, per):
                total[kind] += 1
                new = findings(m, pack) - base
                any_found[kind] += bool(new)
                for rule in {r for r, _ in new}:
                    found.setdefault(rule, {}).setdefault(kind, 0)
                    found[rule][kind] += 1
    return files, found, total, any_found, clean_flags


def table(files, found, total, any_found, clean_flags) -> str:
    head = "| rule | " + " | ".join(f"{k} ({total[k]})" for k in KINDS) + \
        f" | clean reports flagged (of {len(files)}) |"
    lines = [head, "|---|" + "---:|" * (len(KINDS) + 1)]
    for rule in sorted(set(found) | set(clean_flags)):
        cells = [str(found.get(rule, {}).get(k, "")) for k in KINDS]
        lines.append(f"| {rule} | " + " | ".join(cells) + f" | {clean_flags.get(rule, '')} |")
    lines.append("| **any rule** | " + " | ".join(
        f"**{any_found[k]}/{total[k]}**" if total[k] else "–" for k in KINDS) + " | |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--per", type=int, default=5, help="at most this many mutants per kind and report")
    args = ap.parse_args(argv)
    files, *rest = study(args.per)
    print("reports: " + ", ".join(p.name for p in files))
    print()
    print(table(files, *rest))
    return 0


if __name__ == "__main__":
    sys.exit(main())
