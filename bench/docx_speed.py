"""Time the Word reader against a naive python-docx pass, in one run; and what LibreOffice adds.

    python bench/docx_speed.py [DOCX ...]   # default: the examples written as .docx + the corpus template
    python bench/docx_speed.py --copies 20  # also a generated long report (the example 20 times)
    python bench/docx_speed.py --doc        # also .doc: the LibreOffice conversion (needs soffice)

For each file: the best of --repeat runs of
  naive  : docx.Document + every paragraph's .text + every table cell's .text (python-docx API);
  read   : audit.read.read_path (numbering, merges, tracked changes: what `check` reads);
  extract: audit.model.build.extract_path (read + model);
then read/naive and extract/naive (below 1.0 = faster than the naive pass) and the peak Python
heap (tracemalloc) of one read. With --doc, the same report saved as .doc is read once (the
conversion dominates) and its time is printed against the .docx read.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "tests" / "fixtures" / "pdf")]
CORPUS_TEMPLATE = ROOT.parent / "shared" / "corpus" / "reference" / "blank-2021-template_govnianbao.docx"
EXAMPLES = ["2023-county-2021format.html", "2020-county-2019format-gbk.html"]

# read_path / extract_path and the timing helpers are the PDF benchmark's (format-agnostic)
from pdf_speed import best, extract, ours as read, peak_mb  # noqa: E402


def naive(path):
    import docx

    d = docx.Document(path)
    for p in d.paragraphs:
        p.text
    for t in d.tables:
        for row in t.rows:
            for cell in row.cells:
                cell.text


def written(tmp: Path, copies: int = 0) -> list[str]:
    """The example pages written as .docx (docxgen, automatic heading numbers); with
    ``copies``, also one report holding the first example ``copies`` times."""
    import docxgen
    from audit.read import read_path

    out = []
    for name in EXAMPLES:
        path = tmp / name.replace(".html", ".docx")
        docxgen.write_report(read_path(str(ROOT / "examples" / name)), path, auto_numbering=True)
        out.append(str(path))
    if copies:
        doc = read_path(str(ROOT / "examples" / EXAMPLES[0]))
        doc.blocks = doc.blocks * copies
        path = tmp / f"generated-x{copies}.docx"
        docxgen.write_report(doc, path)
        out.append(str(path))
    return out


def doc_timing(docx_path: str, tmp: Path) -> None:
    from audit.read.docx import convert

    exe = convert.soffice()
    if exe is None:
        print("--doc: LibreOffice not installed, skipped")
        return
    subprocess.run([exe, f"-env:UserInstallation={(tmp / 'p').as_uri()}", "--headless",
                    "--convert-to", "doc:MS Word 97", "--outdir", str(tmp), docx_path],
                   check=True, capture_output=True, timeout=300)
    doc = str(tmp / (Path(docx_path).stem + ".doc"))
    t_doc = best(read, doc, 1)
    t_docx = best(read, docx_path, 3)
    print(f".doc read (LibreOffice conversion + read) {t_doc:.2f} s, .docx read {t_docx:.3f} s: "
          f"ratio {t_doc / t_docx:.0f}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("--copies", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--doc", action="store_true")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="docx-bench-"))
    paths = args.files or written(tmp, args.copies) + (
        [str(CORPUS_TEMPLATE)] if CORPUS_TEMPLATE.exists() else [])
    read(paths[0])  # warm imports
    naive(paths[0])
    print(f"{'file':44} {'naive s':>8} {'read s':>8} {'extract s':>9} {'read/naive':>10} "
          f"{'extract/naive':>13} {'peak MB':>8}")
    totals = [0.0, 0.0, 0.0]
    for path in paths:
        t = [best(fn, path, args.repeat) for fn in (naive, read, extract)]
        totals = [a + b for a, b in zip(totals, t)]
        print(f"{Path(path).name[:44]:44} {t[0]:8.3f} {t[1]:8.3f} {t[2]:9.3f} {t[1] / t[0]:10.2f} "
              f"{t[2] / t[0]:13.2f} {peak_mb(read, path):8.1f}")
    print(f"{'TOTAL':44} {totals[0]:8.3f} {totals[1]:8.3f} {totals[2]:9.3f} "
          f"{totals[1] / totals[0]:10.2f} {totals[2] / totals[0]:13.2f}")
    if args.doc:
        doc_timing(paths[0], tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
