"""--format github: workflow-command lines and their escaping."""
from __future__ import annotations

from audit.run.baseline import apply_baseline, build_baseline
from audit.formatters import github
from sample_results import PACK, result


def test_one_line_per_finding_with_severity_command():
    out = github.render(result(), PACK, {}).splitlines()
    cmds = [line for line in out if line.startswith("::")]
    assert len(cmds) == 6
    assert cmds[0].startswith("::error file=reports/淮安市/2024年报告.pdf,line=1,"
                              "title=T203 t3-carry-over-identity::[p.4, t3/received/total] ")
    assert cmds[1].startswith("::warning ")
    notice = [c for c in cmds if c.startswith("::notice ")]
    assert notice == ["::notice file=reports/draft.md,line=40,title=C404 no-electronic-version::"
                      "[section 6] 未说明电子版获取方式"]
    assert out[-1].startswith("xxgk-audit: 4 report(s), 3 error(s)")


def test_escaping():
    assert github.escape_data("100%\r\nx") == "100%25%0D%0Ax"
    assert github.escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"
    line = github.render(result(), PACK, {}).splitlines()[0]
    # the message's newline and percent sign must not end or corrupt the command
    assert "3153+1, 100%25%0Asecond line: a,b" in line
    res = result()
    res["reports"][0]["path"] = "a,b:c.pdf"
    assert "file=a%2Cb%3Ac.pdf," in github.render(res, PACK, {})


def test_gone_baseline_entries_are_notices():
    base = build_baseline(result())
    for e in base["findings"]:
        e["reason"] = "accepted"
    res = result()
    res["reports"][0]["findings"].pop(0)  # the T203 finding was fixed
    entries = {e["fingerprint"]: e for e in base["findings"]}
    out = github.render(apply_baseline(res, entries), PACK, {})
    assert [l for l in out.splitlines() if l.startswith("::")] == [
        "::notice title=baseline::reports/淮安市/2024年报告.pdf: T203 t3/received/total is no "
        "longer found; remove it from the baseline"]
