"""Measure N503 and X603 on the shared corpus (../shared/corpus): the numbers behind
docs/n503-x603-corpus.md.

    python bench/corpus_n503_x603.py            # the corpus beside the checkout
    python bench/corpus_n503_x603.py DIR        # another folder of reports

N503: for every report, the statements found, compared (some reading's cells were all read) and
contradicted, and each statement that is not an agreement. X603: the similarity and the longest
repeated passage of every pair of reports of the same body in consecutive years (as the batch
pairs them), of the pairs of the same body further apart, and of a few pairs of different
bodies, to show where the threshold sits.
"""
from __future__ import annotations

import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from audit.checks.narrative_counts import statements  # noqa: E402
from audit.checks.similarity import narrative, similar  # noqa: E402
from audit.model.build import extract_path  # noqa: E402
from audit.run.pairing import body_key, same_body  # noqa: E402

SUFFIXES = {".html", ".htm", ".pdf", ".txt", ".md"}


def main(folder: Path) -> None:
    files = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and p.name[0].isdigit())
    models = {p.name: extract_path(str(p)) for p in files}
    total = Counter()
    print("## N503\n\n| file | found | compared | agree | contradict | not compared |\n|---|---|---|---|---|---|")
    notes = []
    for name, m in models.items():
        found = statements(m)
        c = Counter(s.verdict for s in found)
        compared = c["agrees"] + c["contradicts"]
        total.update({"found": len(found), "compared": compared, **c})
        print(f"| {name} | {len(found)} | {compared} | {c['agrees']} | {c['contradicts']} | {c['not_compared']} |")
        notes += [f"- {name} s{s.section}: {s.verdict}: “{s.phrase}” = {s.stated}; readings "
                  + ", ".join(f"{r}={v}" for r, v in zip(s.readings, s.values)) for s in found
                  if s.verdict != "agrees"]
    print(f"| **total** | {total['found']} | {total['compared']} | {total['agrees']} | "
          f"{total['contradicts']} | {total['not_compared']} |\n")
    print("\n".join(notes))
    print("\n## X603\n\n| this year | previous | years | similarity | longest repeated |\n|---|---|---|---|---|")
    for (a, ma), (b, mb) in combinations(models.items(), 2):
        if ma.report_year is None or mb.report_year is None or ma.report_year == mb.report_year:
            continue
        ka, kb = body_key(ma.agency), body_key(mb.agency)
        same = bool(ka and kb and same_body(ka, kb))
        if not same and {a[:3], b[:3]} not in ({"002", "202"}, {"001", "003"}, {"000", "203"}, {"231", "232"}):
            continue
        (now, n), (then, t) = sorted(((a, ma), (b, mb)), key=lambda x: -x[1].report_year)
        ta, tb = narrative(n, [1, 5, 6]), narrative(t, [1, 5, 6])
        if not ta or not tb:
            continue
        ratio, passage = similar(ta, tb)
        kind = ("consecutive" if n.report_year - t.report_year == 1 else "further apart") if same else "different bodies"
        print(f"| {now} | {then} | {t.report_year}→{n.report_year} ({kind}) | {ratio:.3f} | {len(passage)} |")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "corpus")
