"""SARIF 2.1.0 for GitHub code scanning (``--format sarif``).

Shape chosen for what GitHub reads (docs: "SARIF support for code scanning"):
- ``tool.driver.rules`` lists every rule of the pack, not only those that fired, so the alert
  page always has the help text (what / why / fix / basis from the pack's docs);
- each result has ``ruleId`` + ``ruleIndex``, ``level``, an inline ``message.text`` (no message
  ids: GitHub does not resolve them), a physical location whose ``startLine`` is the source line
  for text formats and 1 for PDFs (GitHub needs a line; the page and the cell go in a logical
  location and in ``properties``, which is where people read them);
- ``partialFingerprints`` come from ``audit.checks.findings.fingerprint`` (path, rule, cell key; never
  page or line), so an alert survives a page break moving; the same value is what ``--baseline``
  matches on.
"""
from __future__ import annotations

import json
from urllib.parse import quote, unquote_to_bytes

from .. import __version__
from ..checks.findings import FINGERPRINT_KEY, rel_path, report_fingerprints
from .packmeta import cell_key, opt, rules_of, summary, text

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
DOC_SECTIONS = {"zh": [("what", "规则说明"), ("why", "为什么重要"), ("example", "示例"),
                       ("fix", "如何修改"), ("basis", "依据"), ("limits", "局限")],
                "en": [("what", "What it does"), ("why", "Why it matters"), ("example", "Example"),
                       ("fix", "How to fix"), ("basis", "Basis"), ("limits", "Limits")]}


def _help(rule: dict, lang: str) -> tuple[str, str]:
    """(plain text, markdown) help assembled from the rule's docs sections."""
    plain, md = [], []
    for key, title in DOC_SECTIONS["en" if lang == "en" else "zh"]:
        body = text(rule["docs"].get(key), lang).strip()
        if body:
            plain.append(f"{title}: {body}")
            md.append(f"**{title}**\n\n{body}")
    return "\n\n".join(plain) or summary(rule, lang), "\n\n".join(md) or summary(rule, lang)


def _rule_descriptor(rule: dict, lang: str) -> dict:
    help_text, help_md = _help(rule, lang)
    what = text(rule["docs"].get("what"), lang).strip()
    why = text(rule["docs"].get("why"), lang).strip()
    sev = rule.get("severity", "warning")
    return {
        "id": rule["code"],
        "name": rule.get("name") or rule["code"],
        "shortDescription": {"text": summary(rule, lang)},
        "fullDescription": {"text": " ".join(p for p in (what, why) if p) or summary(rule, lang)},
        "help": {"text": help_text, "markdown": help_md},
        "defaultConfiguration": {"level": LEVELS.get(sev, "warning")},
        "properties": {"tags": [f"family-{rule['code'][0]}", "compliance"],
                       "precision": "high", "problem.severity": LEVELS.get(sev, "warning")
                       .replace("note", "recommendation")},
    }


def artifact_location(path: str, base=None, raw: str | None = None) -> dict:
    """Relative, percent-encoded URI reference against %SRCROOT% (report file names are often
    Chinese); a file outside the working directory gets an absolute file URI instead.
    ``raw``: the report's ``path_bytes`` when its name is not UTF-8 (a GBK name unpacked on
    Linux): the exact bytes, already percent-encoded, so that the URI finds the file."""
    if raw:
        p = rel_path(unquote_to_bytes(raw).decode("utf-8", "surrogateescape"), base)
        enc = quote(p, safe="/", errors="surrogateescape")
    else:
        p = rel_path(path, base)
        enc = quote(p, safe="/", errors="backslashreplace")
    if p.startswith("/"):
        return {"uri": "file://" + enc}
    return {"uri": enc, "uriBaseId": "%SRCROOT%"}


def _artifact(report: dict, base) -> dict:
    return artifact_location(report.get("path", ""), base, report.get("path_bytes"))


def _location(report: dict, finding: dict, base) -> dict:
    loc = finding.get("location") or {}
    line = loc.get("line") if report.get("format") != "pdf" else None
    region = {"startLine": int(line) if isinstance(line, int) and line > 0 else 1}
    out = {"physicalLocation": {"artifactLocation": _artifact(report, base),
                                "region": region}}
    logical = cell_key(loc) or (f"section/{loc['section']}" if loc.get("section") else None)
    if logical:
        out["logicalLocations"] = [{"name": logical, "kind": "element",
                                    "fullyQualifiedName": f"{rel_path(report.get('path', ''), base)}#{logical}"}]
    return out


def _message(finding: dict) -> str:
    """The finding's message, with page and cell appended: for a PDF, region line 1 says
    nothing, so the text must say where to look."""
    loc = finding.get("location") or {}
    bits = []
    if loc.get("page"):
        bits.append(f"p.{loc['page']}")
    if cell_key(loc):
        bits.append(cell_key(loc))
    msg = str(finding.get("message") or finding.get("rule") or "finding")
    return f"{msg} [{', '.join(bits)}]" if bits else msg


def _result(report: dict, finding: dict, fp: str, index: dict, base) -> dict:
    loc = finding.get("location") or {}
    props = {k: loc[k] for k in ("section", "table", "row", "column", "page", "line", "snippet")
             if loc.get(k) not in (None, "")}
    if finding.get("evidence"):
        props["evidence"] = finding["evidence"]
    res = {
        "ruleId": finding.get("rule", ""),
        "ruleIndex": index[finding.get("rule", "")],
        "level": LEVELS.get(finding.get("severity"), "warning"),
        "message": {"text": _message(finding)},
        "locations": [_location(report, finding, base)],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
    }
    if props:
        res["properties"] = props
    if "reason" in finding:  # a finding hidden by --baseline, kept visible as suppressed
        res["suppressions"] = [{"kind": "external", "status": "accepted",
                                "justification": str(finding.get("reason") or "")}]
    return res


def to_sarif(result: dict, pack=None, opts=None) -> dict:
    """The SARIF log as a dict (``render`` serialises it)."""
    lang = opt(opts, "lang", "zh") or "zh"
    base = opt(opts, "base", None)
    rules = rules_of(pack)
    descriptors = [_rule_descriptor(r, lang) for r in rules]
    index = {r["code"]: i for i, r in enumerate(rules)}
    # A finding from a rule outside the pack (E9xx from the runner, a pack filtered by
    # --select) still needs a valid ruleIndex: add a bare descriptor for it.
    for report in result.get("reports") or []:
        for f in [*(report.get("findings") or []), *(report.get("suppressed") or [])]:
            code = f.get("rule", "")
            if code not in index:
                index[code] = len(descriptors)
                descriptors.append(_rule_descriptor({"code": code, "name": code, "docs": {},
                                                     "severity": f.get("severity")}, lang))
    results = []
    for report in result.get("reports") or []:
        findings = report.get("findings") or []
        for f, fp in zip(findings, report_fingerprints(report, base)):
            results.append(_result(report, f, fp, index, base))
        for f in report.get("suppressed") or []:
            results.append(_result(report, f, f.get("fingerprint", ""), index, base))
    # Every input is an artifact, so a batch's SARIF accounts for the reports with no finding
    # too (oversight offices count files, not just results).
    artifacts = []
    for report in result.get("reports") or []:
        art = {"location": _artifact(report, base)}
        if report.get("sha256"):
            art["hashes"] = {"sha-256": report["sha256"]}
        artifacts.append(art)
    tool = result.get("tool") or {}
    version = str(tool.get("version") or __version__)
    run = {
        "tool": {"driver": {"name": "xxgk-audit", "version": version, "semanticVersion": version,
                            "rules": descriptors}},
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "The directory the check ran in."}}},
        "artifacts": artifacts,
        "results": results,
        "columnKind": "unicodeCodePoints",
        "properties": {"summary": result.get("summary") or {}},
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def render(result: dict, pack=None, opts=None) -> str:
    return json.dumps(to_sarif(result, pack, opts), ensure_ascii=False, indent=2) + "\n"
