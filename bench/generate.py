"""Write N consistent reports (HTML and PDF) for the benchmarks and the Dask test.

    python bench/generate.py OUT_DIR [-n 200] [--pdf-share 0.25] [--seed 0]

Nothing here depends on ``../shared``: the reports come from the test suite's own renderers,
imported, not copied:
- HTML: ``tests/reportgen.py`` (random values that satisfy every identity of template.md §4,
  2019 and 2021 templates, real-world noise: Word-pasted markup, digits split into spans, blank
  and &nbsp; zeros, spaced labels, <br> in labels, GBK-encoded pages);
- PDF: ``tests/fixtures/pdf/rl_fixtures.py`` (the 示例县 2021-format example drawn the way
  Word/WPS exports draw it: table 3 over a page break, merged labels stacked one character per
  line, borders as lines or as thin filled rectangles, white cell backgrounds, a repeated or
  missing header on the second page). Its numbers are fixed (they add up), so PDFs vary in
  layout only.
The same seed gives the same files, byte for byte; names sort in generation order.
"""
from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for sub in ("", "tests", "tests/fixtures/pdf"):
    if str(ROOT / sub) not in sys.path:
        sys.path.insert(0, str(ROOT / sub))

AGENCIES = ["示例县人民政府", "示例市人民政府办公室", "示例区教育局", "示例镇人民政府", "示例县卫生健康委员会",
            "示例市生态环境局", "示例街道办事处", "示例县交通运输局"]
# the t3 layouts over a page break that tests/test_read_pdf.py reads back row for row
PDF_LAYOUTS = [
    {},
    {"borders": "rects", "backgrounds": True},
    {"repeat_header": True},
    {"top_border": False},
    {"cut_row": (3, 12), "cut_sub": None},
    {"cut_row": (3, 12), "cut_sub": None, "borders": "rects", "backgrounds": True, "top_border": False},
]


def html_report(rng: random.Random) -> tuple[str, bytes]:
    from reportgen import Noise, consistent_values, render_html

    year = rng.choice([2019, 2020, 2021, 2022, 2023, 2024])
    template = "2019" if year < 2021 else "2021"
    report = consistent_values(rng, template, scale=rng.choice([10, 30, 300]))
    report.year, report.agency = year, rng.choice(AGENCIES)
    noise = Noise(blank_zeros=rng.random() < 0.3, spaced_labels=rng.random() < 0.3,
                  word_markup=rng.random() < 0.5, split_digits=rng.random() < 0.3,
                  br_in_labels=rng.random() < 0.3, encoding="gbk" if rng.random() < 0.2 else "utf-8")
    noise.nbsp_zeros = not noise.blank_zeros and rng.random() < 0.3
    return f"{year}-{template}format.html", render_html(report, noise)


def pdf_report(rng: random.Random) -> tuple[str, bytes]:
    from rl_fixtures import report

    layout = dict(rng.choice(PDF_LAYOUTS))
    return "2024-2021format.pdf", report(**layout)


def generate(out: str | Path, n: int = 200, pdf_share: float = 0.25, seed: int = 0) -> list[Path]:
    """Write ``n`` reports into ``out`` (created); about ``pdf_share`` of them PDFs."""
    import logging

    from reportlab import rl_config

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    rl_config.invariant = 1  # no creation date or random /ID: the same seed, the same bytes
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for i in range(n):
        name, data = (pdf_report if rng.random() < pdf_share else html_report)(rng)
        path = out / f"{i:04d}-{name}"
        path.write_bytes(data)
        paths.append(path)
    return paths


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("-n", type=int, default=200)
    ap.add_argument("--pdf-share", type=float, default=0.25)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    paths = generate(args.out, args.n, args.pdf_share, args.seed)
    pdfs = sum(p.suffix == ".pdf" for p in paths)
    print(f"{len(paths)} reports in {args.out} ({len(paths) - pdfs} HTML, {pdfs} PDF)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
