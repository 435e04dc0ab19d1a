"""Configuration discovery, validation, profiles and selection."""
from __future__ import annotations

import pytest

from audit.config import discover, load_config, resolve_profile, settings_for
from audit.checks.packs import PackError, default_pack

PACK = default_pack()


def test_nearest_file_wins_and_order_within_a_directory(tmp_path):
    (tmp_path / "setup.cfg").write_text("[xxgk-audit]\nlang = en\n")
    (tmp_path / "pyproject.toml").write_text('[tool.xxgk-audit]\nfail-on = "warning"\n')
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    where, data = discover(sub)
    assert where.name == "pyproject.toml" and data == {"fail-on": "warning"}
    (tmp_path / "a" / "xxgk-audit.toml").write_text('lang = "en"\n')
    where, data = discover(sub)
    assert where == tmp_path / "a" / "xxgk-audit.toml"


def test_pyproject_without_our_section_is_not_a_hit(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[build-system]\nrequires = []\n')
    (tmp_path / "setup.cfg").write_text("[xxgk-audit]\nselect = T, S101\nseverity = T208:error\n")
    where, data = discover(tmp_path)
    assert where.name == "setup.cfg"
    assert data == {"select": ["T", "S101"], "severity": {"T208": "error"}}


def test_no_config_anywhere(tmp_path):
    assert load_config(cwd=tmp_path).data == {}


@pytest.mark.parametrize("text,message", [
    ('selct = ["T"]\n', 'unknown key "selct"'),
    ('fail-on = "sometimes"\n', "fail-on"),
    ('[profiles.mine]\nextend = "strict"\n', 'unknown key "extend"'),
])
def test_unknown_keys_and_values_are_errors(tmp_path, text, message):
    path = tmp_path / "xxgk-audit.toml"
    path.write_text(text)
    with pytest.raises(PackError, match=message):
        load_config(str(path))


def test_unknown_code_in_config_is_an_error(tmp_path):
    path = tmp_path / "xxgk-audit.toml"
    path.write_text('ignore = ["T299"]\n')
    with pytest.raises(PackError, match="T299"):
        settings_for(PACK, load_config(str(path)))


def test_profiles_strict_and_draft():
    strict = settings_for(PACK, load_config(cwd="/"), profile="strict")
    assert strict.severity == {c: "error" for c in
                               ["S105", "S106", "S108", "P303", "P304", "N503", "X601"]}
    draft = settings_for(PACK, load_config(cwd="/"), profile="draft")
    assert "P304" not in draft.enabled and not any(c.startswith("X") for c in draft.enabled)
    assert "T203" in draft.enabled


def test_user_profile_extends_builtin(tmp_path):
    path = tmp_path / "xxgk-audit.toml"
    path.write_text('profile = "mine"\n[profiles.mine]\nextends = "strict"\nignore = ["C404"]\n'
                    'severity = {T206 = "info"}\n')
    s = settings_for(PACK, load_config(str(path)))
    assert s.severity["S108"] == "error" and s.severity["T206"] == "info"
    assert "C404" not in s.enabled


def test_unknown_profile_and_cycles(tmp_path):
    with pytest.raises(PackError, match="unknown profile 'nope'"):
        resolve_profile("nope", {})
    with pytest.raises(PackError, match="extends itself"):
        resolve_profile("a", {"a": {"extends": "b"}, "b": {"extends": "a"}})
    with pytest.raises(PackError, match="built-in"):
        resolve_profile("strict", {"strict": {}})


def test_select_and_ignore_accept_codes_prefixes_and_names():
    s = settings_for(PACK, load_config(cwd="/"), select=["T20,section-missing"], ignore=["T203"])
    assert s.enabled == {"T201", "T202", "T204", "T205", "T206", "T207", "T208", "S101"}
    with pytest.raises(PackError, match="unknown rule"):
        settings_for(PACK, load_config(cwd="/"), select=["Q1"])


def test_command_line_beats_config(tmp_path):
    path = tmp_path / "xxgk-audit.toml"
    path.write_text('select = ["S"]\nlang = "en"\nfail-on = "warning"\n')
    s = settings_for(PACK, load_config(str(path)), select=["T201"], lang="zh")
    assert s.enabled == {"T201"} and s.lang == "zh" and s.fail_on == "warning"


def test_timeout_from_config_files(tmp_path):
    (tmp_path / "setup.cfg").write_text("[xxgk-audit]\ntimeout = 30\n")
    assert discover(tmp_path)[1] == {"timeout": 30.0}
    bad = tmp_path / "xxgk-audit.toml"
    bad.write_text('timeout = "soon"\n')
    with pytest.raises(PackError, match="timeout"):
        load_config(str(bad))
