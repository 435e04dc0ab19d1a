"""Write reports with known defects and the findings ``xxgk-audit check`` must give on them.

The reports are our own (fictional 示例区 / 示例街道), rendered by ``tests/reportgen.py`` from
consistent tables; each defect is added below by hand and listed in ``DEFECTS`` so a reader
knows what the expected findings should contain. Run from the project root:
``python examples/defects/make_defects.py``; check the new ``expected/*.findings.json`` by eye
before committing (they are the regression contract of tests/test_cli_check_examples.py).
"""
from __future__ import annotations

import json
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from reportgen import consistent_values, render_text  # noqa: E402

DEFECTS = {
    "2022-district-arithmetic.txt": [
        "T201/T202/T203: t3 （七）总计 自然人列 one too many; the suspect is that cell",
        "T204: t4 行政复议 总计 0 while its parts add up to 11",
        "T207 (and not T206): t3 （一）予以公开 总计 left blank while its parts are not zero",
    ],
    "2021-street-intro.txt": [
        "P302: the period gives only an end point (截至2021年12月31日)",
        "C401: the contact sentence is gone (only the website remains, C404 passes)",
        "N502: section 6 does not mention 信息处理费",
        "N501: section 6 is left saying only 无其他需要报告的事项",
        "S103: section 6 heading written 其它需要报告的事项",
    ],
}


def arithmetic() -> str:
    r = consistent_values(random.Random(22), "2021", scale=40)
    r.agency, r.year = "示例区人民政府", 2022
    r.t3["results_total/natural"] += 1
    for f, v in zip(["upheld", "corrected", "other", "pending", "total"], [10, 1, 0, 0, 0]):
        r.t4[f"counts/review.{f}"] = v
    return render_text(r)


def blank_total(text: str) -> str:
    """Blank the （一）予以公开 总计 cell (the last cell of that row)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "予以公开" in line and line.startswith("|"):
            cells = line.split("|")
            cells[-2] = " "
            lines[i] = "|".join(cells)
            break
    return "\n".join(lines)


def intro() -> str:
    r = consistent_values(random.Random(21), "2021", scale=6)
    r.agency, r.year = "示例街道办事处", 2021
    text = render_text(r)
    text = text.replace("本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。",
                        "本报告所列数据统计截至2021年12月31日。")
    start = text.index("如对本报告有疑问")
    text = text[:start] + text[text.index("）。", start) + 2:]
    text = text.replace("本年度未收取信息处理费。", "")
    return text.replace("六、其他需要报告的事项", "六、其它需要报告的事项")


def main() -> None:
    arith = arithmetic()
    (HERE / "2022-district-arithmetic.txt").write_text(blank_total(arith), encoding="utf-8")
    (HERE / "2021-street-intro.txt").write_text(intro(), encoding="utf-8")
    from audit.checks.engine import Settings
    from audit.checks.packs import default_pack
    from audit.run.runner import check_file

    out = HERE / "expected"
    out.mkdir(exist_ok=True)
    for name in DEFECTS:
        rel = str((HERE / name).relative_to(ROOT))
        rep = check_file(rel, default_pack(), Settings())
        keep = {k: rep[k] for k in ("path", "format", "report_year", "agency", "template",
                                     "outcomes", "findings")}
        keep["defects"] = DEFECTS[name]
        (out / f"{name}.findings.json").write_text(
            json.dumps(keep, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
