"""Rule documentation rendered from the packs: ``xxgk-audit explain`` and ``docs/rules.md``.

The packs are the one source. ``docs/rules.md`` also shows, under each rule, the test case marked
``doc: true`` in ``tests/rules/cases/<CODE>.yaml`` (so the documented failing example is run on
every test pass); regenerate with ``python -m audit.rulesdoc > docs/rules.md``.
"""
from __future__ import annotations

import sys
from pathlib import Path

HEADINGS = {
    "zh": {"what": "检查什么", "why": "为什么", "example": "不合规的例子", "fix": "如何改正",
           "basis": "依据", "limits": "局限", "severity": "默认严重程度", "message": "提示信息"},
    "en": {"what": "What it checks", "why": "Why", "example": "Failing example", "fix": "How to fix",
           "basis": "Basis", "limits": "Limits", "severity": "Default severity",
           "message": "Message"},
}
SECTIONS = ["what", "why", "example", "fix", "basis", "limits"]


def explain_text(rule, lang: str = "zh", message: bool = True) -> str:
    """``xxgk-audit explain``; ``message`` False leaves out the message template (``serve``
    shows the explanation under a finding, whose filled-in message is already there)."""
    h = HEADINGS[lang]
    lines = [f"{rule.code} {rule.name}", f"{h['severity']}: {rule.severity}"
             + ("  (planned: not implemented yet)" if rule.planned else ""), ""]
    for sec in SECTIONS:
        text = rule.doc(sec, lang)
        if text:
            lines += [f"{h[sec]}:", f"  {text.strip()}", ""]
    if message:
        lines += [f"{h['message']}: {rule.message.get(lang) or rule.message['zh']}"]
    return "\n".join(lines).strip()


def _case(code: str, cases_dir: Path) -> str | None:
    import yaml

    path = cases_dir / f"{code}.yaml"
    if not path.is_file():
        return None
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for name, case in data.get("cases", {}).items():
        if case.get("doc"):
            shown = {k: case[k] for k in ("model", "document", "findings") if k in case}
            body = yaml.safe_dump(shown, allow_unicode=True, sort_keys=False, width=100)
            return f"测试用例 `{code}-{name}`：\n\n```yaml\n{body}```\n"
    return None


def _sections(rule, lang: str) -> list[str]:
    """The rule's own docs in ``lang`` (no fallback: a missing section is a test failure)."""
    h, docs = HEADINGS[lang], rule.docs.get(lang) or {}
    colon = "：" if lang == "zh" else ": "
    return [line for sec in SECTIONS if docs.get(sec)
            for line in (f"**{h[sec]}**{colon}{docs[sec].strip()}", "")]


def markdown(pack, cases_dir: Path | None = None) -> str:
    h = HEADINGS["zh"]
    out = ["# 规则目录 (rule catalogue)", "",
           "Generated from `rules/*.yaml` by `python -m audit.rulesdoc`; do not edit by hand.",
           "Each rule is documented in Chinese, then in English.", "",
           "| code | name | severity | 检查什么 | what it checks |", "|---|---|---|---|---|"]
    out += [f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.severity} | "
            f"{r.summary()} | {r.summary('en')}{' (planned)' if r.planned else ''} |"
            for r in pack.rules]
    for r in pack.rules:
        out += ["", f"## {r.code}", "", f"`{r.name}` · {h['severity']} **{r.severity}** · "
                f"check `{r.check}` · pack `{r.pack}`" + (" · *planned*" if r.planned else ""), ""]
        out += _sections(r, "zh")
        if r.docs.get("en"):
            out += [f"### {r.code} (English)", ""] + _sections(r, "en")
        out += [f"{h['message']} / message：`{r.message['zh']}` / `{r.message['en']}`", ""]
        case = _case(r.code, cases_dir) if cases_dir else None
        if case:
            out += [case]
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":  # pragma: no cover
    from .checks.packs import default_pack

    root = Path(__file__).resolve().parent.parent
    sys.stdout.write(markdown(default_pack(), root / "tests" / "rules" / "cases"))
