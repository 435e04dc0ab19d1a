"""Fingerprints and baselines: accept today's findings, see only new ones tomorrow.

One fingerprint serves both the baseline file and SARIF ``partialFingerprints``, so GitHub code
scanning and ``--baseline`` agree on what "the same finding" is. It is built only from things
that survive a re-layout of the document: the report path, the rule code, and the cell key
(table/row/column) or, for findings outside the tables, the section number and the snippet.
Page and line numbers are left out on purpose: a page break that moves in next year's PDF must
not turn every accepted finding into a new one. Values (reported/computed) are left out too: an
accepted wrong sum that becomes a different wrong sum is still the same problem at the same place.

Baseline file (JSON, meant to be committed and reviewed)::

    {"tool": "xxgk-audit", "version": 1, "reason": "",      # optional default for every entry
     "findings": [{"fingerprint": "…", "path": "a.pdf", "rule": "T203",
                   "where": "t3/received/total", "message": "…", "reason": "…"}]}

Every suppression must say why: loading an entry with no reason (and no file-level reason) is a
usage error, so a baseline cannot silently grow into a list of ignored problems.
"""
from __future__ import annotations

import copy
import hashlib
import json
import os
import re

FINGERPRINT_KEY = "xxgkAudit/v1"  # SARIF partialFingerprints key; bump the suffix if the recipe changes
BASELINE_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be used (unreadable, wrong shape, entry without reason).
    The CLI turns it into exit status 2."""


def rel_path(path: str, base: str | None = None) -> str:
    """The report path as written in fingerprints and SARIF: relative to ``base`` (default: the
    working directory) when it lies below it, with forward slashes, without a leading ``./``."""
    p = str(path or "")
    if os.path.isabs(p):
        b = os.path.abspath(base or os.getcwd())
        try:
            r = os.path.relpath(p, b)
        except ValueError:  # another drive on Windows
            r = p
        if not r.startswith(".."):
            p = r
    p = p.replace("\\", "/")
    while p.startswith("./"):
        p = p[2:]
    return p


def where(finding: dict) -> str:
    """The stable place of a finding: ``t3/received/total``, ``s5`` or ``s5:<snippet>``."""
    loc = finding.get("location") or {}
    if loc.get("table"):
        parts = [loc.get("table"), loc.get("row"), loc.get("column")]
        return "/".join(str(p) for p in parts if p not in (None, ""))
    out = f"s{loc['section']}" if loc.get("section") is not None else ""
    snippet = re.sub(r"\s+", "", str(loc.get("snippet") or ""))  # line wraps move with layout
    return f"{out}:{snippet}" if snippet else out


def fingerprint(path: str, finding: dict, occurrence: int = 0, base: str | None = None) -> str:
    """Hex digest identifying ``finding`` of the report at ``path``. ``occurrence`` tells apart
    findings that share rule and place (the n-th one in the report's canonical order)."""
    key = "\0".join(["v1", rel_path(path, base), str(finding.get("rule", "")), where(finding),
                     str(occurrence)])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def report_fingerprints(report: dict, base: str | None = None) -> list[str]:
    """Fingerprints of ``report['findings']``, in order."""
    seen: dict[tuple, int] = {}
    out = []
    for f in report.get("findings") or []:
        k = (f.get("rule"), where(f))
        n = seen.get(k, 0)
        seen[k] = n + 1
        # apply_baseline stamps the fingerprint on the findings it keeps: recomputing after
        # some were hidden would shift the occurrence numbers.
        out.append(f.get("fingerprint") or fingerprint(report.get("path", ""), f, n, base))
    return out


# --- writing -------------------------------------------------------------------------------

def build_baseline(result: dict, previous: dict | None = None, base: str | None = None) -> dict:
    """The baseline document for every finding in ``result``. Reasons already written in
    ``previous`` (the old baseline, as loaded JSON) are kept, so re-recording does not throw
    away the explanations people wrote."""
    old = {e.get("fingerprint"): e for e in (previous or {}).get("findings", []) if isinstance(e, dict)}
    entries = []
    for report in result.get("reports") or []:
        for f, fp in zip(report.get("findings") or [], report_fingerprints(report, base)):
            entries.append({
                "fingerprint": fp, "path": rel_path(report.get("path", ""), base),
                "rule": f.get("rule"), "severity": f.get("severity"), "where": where(f),
                "message": f.get("message", ""), "reason": old.get(fp, {}).get("reason", ""),
            })
    doc = {"tool": "xxgk-audit", "version": BASELINE_VERSION,
           "reason": (previous or {}).get("reason", ""), "findings": entries}
    return doc


def write_baseline(result: dict, file: str, base: str | None = None) -> int:
    """Write (or refresh) the baseline at ``file``; returns the number of entries. Entries are
    written with an empty reason unless the old file had one: fill them in before use."""
    previous = None
    if os.path.exists(file):
        try:
            with open(file, encoding="utf-8") as fh:
                previous = json.load(fh)
        except (OSError, ValueError):
            previous = None  # a broken old file is simply replaced
    doc = build_baseline(result, previous, base)
    with open(file, "w", encoding="utf-8") as fh:
        json.dump(doc, fh, ensure_ascii=False, indent=2)
        fh.write("\n")
    return len(doc["findings"])


# --- reading and applying ------------------------------------------------------------------

def load_baseline(file: str) -> dict[str, dict]:
    """``{fingerprint: entry}`` from ``file``; raises BaselineError on any problem, naming the
    file and the entry."""
    try:
        with open(file, encoding="utf-8") as fh:
            doc = json.load(fh)
    except OSError as exc:
        raise BaselineError(f"{file}: cannot read baseline: {exc.strerror or exc}") from exc
    except ValueError as exc:
        raise BaselineError(f"{file}: not valid JSON: {exc}") from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("findings"), list):
        raise BaselineError(f'{file}: not a baseline (expected an object with "findings": [...])')
    default_reason = str(doc.get("reason") or "").strip()
    entries, missing = {}, []
    for i, e in enumerate(doc["findings"]):
        if not isinstance(e, dict) or not e.get("fingerprint"):
            raise BaselineError(f"{file}: entry {i + 1} has no fingerprint")
        if not (str(e.get("reason") or "").strip() or default_reason):
            missing.append(f"entry {i + 1} ({e.get('rule')} {e.get('path')} {e.get('where')})")
        entries[e["fingerprint"]] = e
    if missing:
        shown = "; ".join(missing[:5]) + (f"; and {len(missing) - 5} more" if len(missing) > 5 else "")
        raise BaselineError(f'{file}: every suppression needs a "reason": {shown}')
    for e in entries.values():
        e.setdefault("reason", default_reason)
        if not str(e["reason"] or "").strip():
            e["reason"] = default_reason
    return entries


def apply_baseline(result: dict, entries: dict[str, dict], file: str | None = None,
                   base: str | None = None) -> dict:
    """A copy of ``result`` without the findings in ``entries``. Hidden findings move to the
    report's ``suppressed`` list (with fingerprint and reason) and the summary counts drop by
    them; ``result['baseline']`` tells how many were hidden and which entries are gone, i.e. no
    longer found in a report that was checked this time (entries for reports not checked in this
    run are not "gone": a pre-commit run sees only the files that changed)."""
    out = copy.deepcopy(result)
    summary = out.setdefault("summary", {})
    used, checked, hidden = set(), set(), 0
    for report in out.get("reports") or []:
        checked.add(rel_path(report.get("path", ""), base))
        keep, suppressed = [], []
        for f, fp in zip(report.get("findings") or [], report_fingerprints(report, base)):
            if fp in entries:
                used.add(fp)
                suppressed.append({**f, "fingerprint": fp, "reason": entries[fp].get("reason", "")})
                sev = f.get("severity")
                if isinstance(summary.get(sev), int):
                    summary[sev] = max(0, summary[sev] - 1)
            else:
                keep.append({**f, "fingerprint": fp})
        report["findings"] = keep
        if suppressed:
            report["suppressed"] = suppressed
            hidden += len(suppressed)
    gone = [e for fp, e in entries.items() if fp not in used and e.get("path") in checked]
    summary["suppressed"] = hidden
    out["baseline"] = {"file": file, "suppressed": hidden,
                       "gone": sorted(gone, key=lambda e: (e.get("path", ""), e.get("rule", ""),
                                                            e.get("where", "")))}
    return out
