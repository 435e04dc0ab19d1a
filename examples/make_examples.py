"""Write the example reports in this folder and their expected extract JSON.

The reports are the team's own (a fictional 示例县 / 示例镇), rendered by ``tests/reportgen.py``
with real portal noise; defects for the check examples are added by hand below. Run from the
project root: ``python examples/make_examples.py`` (re-run after changing the extractor only
when the new output has been checked by eye: the expected files are the regression contract).
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE.parent / "tests")]

from reportgen import Noise, consistent_values, render_html, render_text  # noqa: E402


def main() -> None:
    r21 = consistent_values(random.Random(2021), "2021")
    r21.agency, r21.year = "示例县人民政府", 2023
    (HERE / "2023-county-2021format.html").write_bytes(
        render_html(r21, Noise(word_markup=True, split_digits=True, spaced_labels=True, br_in_labels=True)))

    r19 = consistent_values(random.Random(2019), "2019")
    r19.agency, r19.year = "示例县人民政府", 2020
    (HERE / "2020-county-2019format-gbk.html").write_bytes(
        render_html(r19, Noise(nbsp_zeros=True, encoding="gbk")))

    rt = consistent_values(random.Random(7), "2021", scale=5)
    rt.agency, rt.year = "示例镇人民政府", 2024
    (HERE / "2024-township.txt").write_text(render_text(rt), encoding="utf-8")

    from audit.model.build import extract_path

    out = HERE / "expected"
    out.mkdir(exist_ok=True)
    for path in sorted(HERE.glob("*.html")) + sorted(HERE.glob("*.txt")):
        model = extract_path(str(path.relative_to(HERE.parent)))
        (out / f"{path.name}.extract.json").write_text(
            json.dumps(model.to_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
