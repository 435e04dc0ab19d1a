"""Baselines: accept today's findings, see only new ones tomorrow.

Findings are matched by their fingerprint (``checks/findings.py``), the same value SARIF gives
GitHub code scanning as ``partialFingerprints``, so both agree on what "the same finding" is.

Baseline file (JSON, meant to be committed and reviewed)::

    {"tool": "xxgk-audit", "version": 1, "reason": "",      # optional default for every entry
     "findings": [{"fingerprint": "…", "path": "a.pdf", "rule": "T203",
                   "where": "t3/received/total", "message": "…", "reason": "…"}]}

Every suppression must say why: loading an entry with no reason (and no file-level reason) is a
usage error, so a baseline cannot silently grow into a list of ignored problems.
"""
from __future__ import annotations

import copy
import json
import os

from ..checks.findings import rel_path, report_fingerprints, where
from .outputs import write_atomic

BASELINE_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be used (unreadable, wrong shape, entry without reason).
    The CLI turns it into exit status 2."""


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
        except (OSError, ValueError, RecursionError):
            previous = None  # a broken old file is simply replaced
    doc = build_baseline(result, previous, base)
    write_atomic(file, json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
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
    except RecursionError:
        raise BaselineError(f"{file}: not a baseline (nested too deeply)") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("findings"), list):
        raise BaselineError(f'{file}: not a baseline (expected an object with "findings": [...])')
    default_reason = str(doc.get("reason") or "").strip()
    entries, missing = {}, []
    for i, e in enumerate(doc["findings"]):
        if not isinstance(e, dict) or not e.get("fingerprint"):
            raise BaselineError(f"{file}: entry {i + 1} has no fingerprint")
        bad = [k for k in ("fingerprint", "path", "rule", "where", "reason")
               if e.get(k) is not None and not isinstance(e[k], str)]
        if bad:
            raise BaselineError(f"{file}: entry {i + 1}: {bad[0]} must be a string")
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
