"""Start-up (issue 13): the built-in packs are validated here instead of at every start, parsed
once per content into a JSON cache, and the light commands import no heavy library."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import yaml

from audit.checks import compiled
from audit.checks.packs import builtin_sources, load_pack, safe_yaml, validate
from audit.config import builtin_profiles


@pytest.mark.parametrize("name,text", builtin_sources(), ids=lambda x: x[:20])
def test_builtin_packs_are_valid(name, text):
    # the check each start used to make: the packs cannot change after installation
    validate(yaml.safe_load(text), "rulepack.schema.json", f"rules/{name}")


def test_builtin_profiles_are_valid():
    for name, prof in builtin_profiles().items():
        validate({"profiles": {name: prof}}, "config.schema.json", f"profiles/{name}")


def test_c_loader_reads_the_packs_as_the_python_loader_does():
    for _name, text in builtin_sources() + builtin_sources("profiles"):
        assert safe_yaml(text) == yaml.load(text, Loader=yaml.SafeLoader)


def test_validated_and_unvalidated_loading_agree():
    fast, checked = load_pack(), load_pack(builtin_sources())
    assert [vars(r) for r in fast.rules] == [vars(r) for r in checked.rules]


def _isolated(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.delenv("XXGK_AUDIT_NO_PACK_CACHE", raising=False)
    return tmp_path / "xxgk-audit"


def test_pack_cache_is_written_then_used(tmp_path, monkeypatch):
    where = _isolated(tmp_path, monkeypatch)
    sources = builtin_sources()
    calls = []

    def parse(name, text):
        calls.append(name)
        return safe_yaml(text)

    first = compiled.parsed("packs", sources, parse)
    assert len(calls) == len(sources) and len(list(where.glob("packs-*.json"))) == 1
    assert compiled.parsed("packs", sources, parse) == first
    assert len(calls) == len(sources), "second load comes from the cache"


def test_pack_cache_key_follows_content_and_version(tmp_path, monkeypatch):
    where = _isolated(tmp_path, monkeypatch)
    sources = builtin_sources()
    compiled.parsed("packs", sources, lambda n, t: safe_yaml(t))
    edited = [(n, t.replace("severity: error", "severity: warning", 1)) for n, t in sources]
    data = compiled.parsed("packs", edited, lambda n, t: safe_yaml(t))
    assert data == [safe_yaml(t) for _, t in edited]  # never the stale entry
    monkeypatch.setattr(compiled, "__version__", "999.0")
    compiled.parsed("packs", sources, lambda n, t: safe_yaml(t))
    assert len(list(where.glob("packs-*.json"))) == 3


def test_corrupt_pack_cache_entry_is_ignored_and_rewritten(tmp_path, monkeypatch):
    where = _isolated(tmp_path, monkeypatch)
    sources = builtin_sources()
    good = compiled.parsed("packs", sources, lambda n, t: safe_yaml(t))
    (entry,) = where.glob("packs-*.json")
    for junk in ("{not json", "[1, 2]", ""):
        entry.write_text(junk)
        assert compiled.parsed("packs", sources, lambda n, t: safe_yaml(t)) == good
        assert json.loads(entry.read_text()) == good


def test_unwritable_cache_is_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))  # a file where the folder should be
    assert load_pack().rules


def _modules_after(args, env):
    code = ("import sys; from audit.cli import main; sys.argv = ['xxgk-audit', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write(' '.join(sorted(m.split('.')[0] for m in sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         env=env, timeout=60)
    return set(out.stderr.split())


@pytest.mark.parametrize("args", [["--version"], ["rules"], ["explain", "T201"],
                                  ["rules", "--format", "json"]])
def test_light_commands_import_no_heavy_library(args, tmp_path):
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path)}
    _modules_after(["rules"], env)  # fill the pack cache, as the first run after install does
    loaded = _modules_after(args, env)
    assert "audit" in loaded
    heavy = {"pdfplumber", "pdfminer", "pypdfium2", "jsonschema", "lxml", "yaml", "dask"}
    assert not loaded & heavy, f"{args}: imported {sorted(loaded & heavy)}"
