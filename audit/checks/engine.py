"""The engine: which rules apply to a model, their outcomes, and the rendered findings.

1. Gate rules (those with ``blocks:``) run first: a reading problem (E901–E903) or a document
   out of scope (S109) makes the rules it blocks not_assessable (its ``blocks:``, plus any
   prefixes its findings add: S109 adds P and C for a document that is no report at all).
   Gates run even when they are deselected, because they decide what *can* be judged, not
   what is reported.
2. The applicable rules are listed before anything runs, so ``outcomes`` names every one.
3. Each check runs; ``NotAssessable`` → not_assessable, findings → fail, none → pass. A check
   that crashes becomes not_assessable plus an entry in ``errors`` rather than a traceback.
4. Findings get rule, severity and message; arithmetic findings get ``evidence.suspect``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .findings import Finding, NotAssessable, render
from ..model.template import APPLICANT_COLUMNS, T2_2019, T2_2021, T3_COLUMNS, T3_ROW_KEYS, T4_KEYS


@dataclass
class Settings:
    """What the configuration decided: enabled codes, severities, language, fail threshold."""

    enabled: set | None = None  # None = every rule of the pack
    severity: dict = field(default_factory=dict)  # code -> severity override
    lang: str = "zh"
    fail_on: str = "error"
    published: str | None = None  # --published (P304): outranks every other source
    previous: str | None = None  # --previous FILE (X rules): the runner reads and pairs it
    rollup: bool = False  # --rollup: compare a government's report with its departments' sum
    keep_model: bool = False  # set by the runner: report entries carry their model for pairing
    read: dict = field(default_factory=dict)  # reader settings by format ({"pdf": {"engine": ...}})


def applies(rule, model) -> bool:
    a = rule.applies
    if a.get("template") and model.template != "unknown" and model.template not in a["template"]:
        return False
    years = a.get("years") or {}
    y = model.report_year
    if y is not None and (y < years.get("min", y) or y > years.get("max", y)):
        return False
    return not a.get("kinds") or model.kind in a["kinds"]


NO_PREVIOUS = "没有同一机关上一年度的报告（单个文件用 --previous 给出；批量检查时自动配对）"


def needs_previous(rule) -> bool:
    from .registry import REGISTRY

    return getattr(REGISTRY[rule.check], "needs_previous", False)


def _run(rule, model, previous=None) -> tuple[str, list[Finding], str | None]:
    from .registry import REGISTRY

    fn = REGISTRY[rule.check]
    try:
        if not getattr(fn, "needs_previous", False):
            found = list(fn(model, rule.params))
        elif previous is None or isinstance(previous, str):
            raise NotAssessable(previous or NO_PREVIOUS)
        else:
            found = list(fn(model, rule.params, previous))
    except NotAssessable as why:
        return "not_assessable", [], str(why)
    return ("fail" if found else "pass"), found, None


def check_model(model, pack, settings: Settings | None = None, previous=None) -> dict:
    """Outcomes and findings of one model: {outcomes, reasons, findings, errors}.
    ``previous``: the same body's previous-year model for the X rules, or a string saying why
    there is none (``run/pairing``); None: no pairing was attempted."""
    settings = settings or Settings()
    enabled = [r for r in pack.rules if settings.enabled is None or r.code in settings.enabled]
    todo = [r for r in enabled if applies(r, model)]
    outcomes, reasons, findings, errors = {}, {}, [], []
    blocked: dict[str, str] = {}  # prefix -> reason
    done = {}
    gates = [r for r in pack.rules if r.blocks and applies(r, model)]
    for gate in sorted(gates, key=lambda r: not r.code.startswith("E")):  # reading first
        if _blocker(gate.code, blocked):
            continue
        done[gate.code] = result = _safe(gate, model, errors)
        if result[0] == "fail":
            for prefix in [*gate.blocks, *(p for f in result[1] for p in f.blocks)]:
                blocked.setdefault(prefix, f"{gate.code}: {gate.name}")
    for rule in todo:
        by = _blocker(rule.code, blocked)
        if by:
            outcome, found, why = "not_assessable", [], f"{by} 不予评估"
        elif rule.applies.get("years") and model.report_year is None:
            outcome, found, why = "not_assessable", [], "报告年度未知"
        else:
            outcome, found, why = done.get(rule.code) or _safe(rule, model, errors, previous)
        outcomes[rule.code] = outcome
        if why:
            reasons[rule.code] = why
        for f in found:
            _fill(f, rule, settings)
        findings += found
    mark_suspects(findings, {r.code for r in todo if r.check in ("table_sum", "identity")})
    findings.sort(key=sort_key)
    link_causes(findings, settings.lang)
    return {"outcomes": outcomes, "reasons": reasons,
            "findings": [f.to_dict(model.word_tables if model.format == "docx" else None)
                         for f in findings],
            "errors": errors}


def _blocker(code: str, blocked: dict) -> str | None:
    for prefix, by in blocked.items():
        if code.startswith(prefix) and not by.startswith(code):
            return by
    return None


def _safe(rule, model, errors, previous=None):
    try:
        return _run(rule, model, previous)
    except Exception as err:  # a bug in one check must not lose the report
        errors.append(f"{rule.code}: {type(err).__name__}: {err}")
        return "not_assessable", [], f"内部错误 {type(err).__name__}"


def _fill(f: Finding, rule, settings: Settings) -> None:
    f.rule = rule.code
    f.severity = settings.severity.get(rule.code, rule.severity)
    f.message, _ = render_message(rule, f, settings.lang)


def render_message(rule, f: Finding, lang: str) -> tuple[str, list[str]]:
    args = {"table": f.table, "row": f.row, "column": f.column, "section": f.section,
            **f.args}
    return render(rule.message.get(lang) or rule.message["zh"], args, lang)


def _num(v) -> float:
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else 0


def _balance(ev: dict) -> tuple[dict, float]:
    """An arithmetic finding as Σ coeff·cell = diff ≠ 0 (so a change Δ of one cell with
    coeff a repairs it when a·Δ = −diff)."""
    coeff: dict[str, int] = {}
    if "cell" in ev:
        coeff[ev["cell"]] = 1
    for t in ev.get("terms", []):
        c = -1 if "cell" in ev or t.get("side") == "rhs" else 1
        coeff[t["cell"]] = coeff.get(t["cell"], 0) + c
    return coeff, _num(ev.get("reported")) - _num(ev.get("computed"))


def mark_suspects(findings: list[Finding], codes: set) -> None:
    """When several identities fail together, name the one cell whose correction repairs them
    all. Failures that share no cell are separate problems, so each group of connected
    failures (sharing cells) gets its own suspect, if it has exactly one."""
    arith = [f for f in findings if f.rule in codes and "terms" in f.evidence]
    balances = [_balance(f.evidence) for f in arith]
    groups: list[list[int]] = []
    for i, (coeff, _) in enumerate(balances):
        linked = [g for g in groups if any(set(coeff) & set(balances[j][0]) for j in g)]
        merged = [i] + [j for g in linked for j in g]
        groups = [g for g in groups if g not in linked] + [merged]
    for group in groups:
        if len(group) > 1:
            _suspect([arith[i] for i in group], [balances[i] for i in group])


def _suspect(arith: list[Finding], balances: list) -> None:
    common = set.intersection(*(set(k for k, a in c.items() if a) for c, _ in balances))
    fixes = {}
    for cell in common:
        deltas = {round(-d / c[cell], 9) for c, d in balances}
        if len(deltas) == 1:
            fixes[cell] = deltas.pop()
    if len(fixes) != 1:
        return
    cell, delta = fixes.popitem()
    current = next((t["value"] for f in arith for t in f.evidence.get("terms", [])
                    if t["cell"] == cell), None)
    if current is None:
        current = next(_num(f.evidence.get("reported")) for f in arith
                       if f.evidence.get("cell") == cell)
    fixed = current + delta
    for f in arith:
        f.evidence["suspect"] = {"cell": cell, "value": current,
                                 "expected": int(fixed) if float(fixed).is_integer() else fixed}


def link_causes(findings: list[Finding], lang: str) -> None:
    """Findings that share a suspect cell have one cause. The one located at that cell (else the
    first in order) is the primary; the others are its consequences. The text output prints
    them under the primary, the JSON carries ``cause`` on each."""
    from .cells import cell_text, split

    groups: dict[str, list[Finding]] = {}
    for f in findings:
        if "suspect" in f.evidence:
            groups.setdefault(f.evidence["suspect"]["cell"], []).append(f)
    for cell, group in groups.items():
        if len(group) < 2:
            continue
        at = [f for f in group if "/".join(x for x in (f.table, f.row, f.column) if x) == cell]
        primary = at[0] if at else group[0]
        s = group[0].evidence["suspect"]
        base = {"cell": cell, "label": cell_text(*split(cell)).pick(lang), "value": s["value"],
                "expected": s["expected"], "count": len(group)}
        for f in group:
            f.cause = {**base, "role": "primary" if f is primary else "consequence"}


_ROWS = {r: i for i, r in enumerate([*T3_ROW_KEYS, *T2_2021, *T2_2019, "counts"])}
_COLS = {c: i for i, c in enumerate([*APPLICANT_COLUMNS, *T3_COLUMNS, "org_subtotal",
                                     *(k.split("/")[1] for k in T4_KEYS),
                                     *(c for _, cols in [*T2_2021.values(), *T2_2019.values()]
                                       for c, _ in cols)])}


def sort_key(f: Finding):
    return (f.section or 0, f.table or "", _ROWS.get(f.row, 999) if f.row else -1, f.row or "",
            _COLS.get(f.column, 999) if f.column else -1, f.column or "", f.rule)
