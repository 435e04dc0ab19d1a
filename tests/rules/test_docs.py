"""The rule docs as users see them: ``xxgk-audit explain CODE --lang en`` is English from the
pack's own ``docs.en`` (no silent fallback to Chinese), and the generated catalogue page carries
both languages."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from audit.cli import main
from audit.checks.packs import DOC_SECTIONS, default_pack
from audit.rulesdoc import HEADINGS, markdown

CODES = [r.code for r in default_pack().rules]


@pytest.mark.parametrize("code", CODES)
def test_explain_in_english_renders_every_english_section(code):
    rule = default_pack().by_code[code]
    out = CliRunner().invoke(main, ["explain", code, "--lang", "en"])
    assert out.exit_code == 0
    for sec in DOC_SECTIONS:
        assert f"{HEADINGS['en'][sec]}:\n  {rule.docs['en'][sec].strip()}" in out.output
        assert rule.docs["zh"][sec].strip() not in out.output
    assert HEADINGS["zh"]["what"] not in out.output


def test_catalogue_page_has_both_languages():
    page = markdown(default_pack(), Path(__file__).parent / "cases")
    for rule in default_pack().rules:
        for lang in ("zh", "en"):
            for sec in DOC_SECTIONS:
                assert rule.docs[lang][sec].strip() in page, f"{rule.code} {lang}.{sec}"
