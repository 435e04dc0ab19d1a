"""Rule cases: one YAML file per code in ``cases/``, each case a model (or a document) and the
exact flattened findings ``[rule, table, row, column]`` (a 5th item, when given, is the
section). ``pytest -k T203`` runs one rule's cases; ids are ``<CODE>-<case>``."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from audit.checks.engine import Settings, check_model, render_message
from audit.checks.findings import Finding, placeholders
from audit.model.report import ReportModel
from audit.checks.packs import DOC_SECTIONS, default_pack

from casebase import build

CASES = Path(__file__).parent / "cases"
ROOT = Path(__file__).resolve().parents[2]


def load_cases():
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, case in data["cases"].items():
            yield data["rule"], name, case, data.get("config", {})


def pytest_generate_tests(metafunc):
    if "rule_case" in metafunc.fixturenames:
        items = list(load_cases())
        metafunc.parametrize("rule_case", items, ids=[f"{r}-{n}" for r, n, _, _ in items])


def model_of(case) -> ReportModel:
    if "document" in case:
        from audit.model.build import extract_path

        return extract_path(str(ROOT / case["document"]))
    return ReportModel.from_dict(build(case))


def previous_of(case):
    """A case's ``previous:`` (the same body's previous-year report, for the X rules): a case-
    like dict (base/model/drop) or a string saying why there is none; absent: not paired."""
    prev = case.get("previous")
    return ReportModel.from_dict(build(prev)) if isinstance(prev, dict) else prev


def run(code, case, config=None):
    settings = Settings(enabled={code}, lang=(config or {}).get("lang", "zh"))
    return check_model(model_of(case), default_pack(), settings, previous=previous_of(case))


def flatten(findings, with_section):
    out = []
    for f in findings:
        loc = f["location"]
        item = [f["rule"], loc["table"], loc["row"], loc["column"]]
        out.append(item + [loc["section"]] if with_section else item)
    return out


def test_rule_case(rule_case):
    code, name, case, config = rule_case
    result = run(code, case, config)
    assert result["errors"] == []
    if case["expect"] == "not_applicable":  # e.g. a 2021-only rule on a 2019 report
        assert code not in result["outcomes"]
        return
    assert result["outcomes"].get(code) == case["expect"], result["reasons"].get(code)
    expected = case.get("findings", [])
    with_section = any(len(e) == 5 for e in expected)
    assert flatten(result["findings"], with_section) == expected
    if case["expect"] != "fail":
        assert expected == []


def test_every_rule_has_pass_fail_and_doc_cases():
    by_rule: dict[str, list] = {}
    for code, name, case, _ in load_cases():
        by_rule.setdefault(code, []).append(case)
    missing = []
    for rule in default_pack().rules:
        cases = by_rule.get(rule.code, [])
        kinds = {c["expect"] for c in cases}
        docs = [c for c in cases if c.get("doc") and c["expect"] == "fail"]
        if not {"pass", "fail"} <= kinds or len(docs) != 1:
            missing.append(rule.code)
    assert missing == []


def test_case_files_name_their_rule():
    codes = {r.code for r in default_pack().rules}
    for path in CASES.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["rule"] == path.stem and data["rule"] in codes


def test_messages_fill_every_placeholder_on_fail_cases():
    pack = default_pack()
    for code, name, case, config in load_cases():
        if case["expect"] != "fail":
            continue
        rule = pack.by_code[code]
        model = model_of(case)
        from audit.checks import REGISTRY

        fn = REGISTRY[rule.check]
        extra = [previous_of(case)] if fn.needs_previous else []
        for f in fn(model, rule.params, *extra):
            for lang in ("zh", "en"):
                text, missing = render_message(rule, f, lang)
                assert missing == [], f"{code}-{name} {lang}: {missing}"
                assert "{" not in text, text


def test_every_rule_has_every_docs_section_in_both_languages():
    """style.md §7.5: what, why, example, fix and basis in every language the messages have;
    an optional section (limits) is in both languages or in neither."""
    missing = []
    for rule in default_pack().rules:
        langs = sorted(rule.message)
        for lang in langs:
            docs = rule.docs.get(lang) or {}
            missing += [f"{rule.code}: docs.{lang}.{sec}" for sec in DOC_SECTIONS
                        if not str(docs.get(sec, "")).strip()]
        optional = [set(rule.docs.get(lang) or {}) - set(DOC_SECTIONS) for lang in langs]
        missing += [f"{rule.code}: docs.*.{sec} only in some languages"
                    for sec in sorted(set.union(*optional) - set.intersection(*optional))]
        assert set(placeholders(rule.message["zh"])) == set(placeholders(rule.message["en"])), rule.code
    assert missing == []


def test_english_docs_are_english():
    """A section copied over untranslated would pass the test above: outside quotations, the
    English text must be mostly Latin script (Chinese terms from the template are fine)."""
    import re

    for rule in default_pack().rules:
        for sec, text in rule.docs["en"].items():
            text = re.sub(r'"[^"]*"|“[^”]*”|《[^》]*》', "", text)
            cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in text)
            latin = sum(ch.isascii() and ch.isalpha() for ch in text)
            assert latin > cjk, f"{rule.code}: docs.en.{sec} is not English"
