"""The extraction cache (``check --cache DIR``): the same output with and without it, keyed so
that it is never stale, and harmless to corrupt or delete. Correctness only; its speed is
measured in bench/targets.py."""
from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import audit.model.build
from audit.checks.engine import Settings
from audit.checks.packs import default_pack
from audit.cli import main
from audit.run import cache as cache_mod
from audit.run.cache import ExtractionCache
from audit.run.runner import check_file

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    paths = generate(out, n=6, pdf_share=0.3, seed=2)  # HTML 2019 + 2021, two PDFs
    (out / "empty.txt").write_text("")  # unreadable (E901): never stored
    return out


def cli(*args):
    return CliRunner().invoke(main, ["check", "--format", "json", *map(str, args)],
                              catch_exceptions=False).stdout


def entries(root: Path) -> list[Path]:
    return sorted(root.rglob("*.json"))


def test_output_is_identical_without_cache_on_a_miss_and_on_a_hit(files, tmp_path):
    plain = cli(files, "--jobs", "1")
    miss = cli(files, "--jobs", "2", "--cache", tmp_path / "c")
    assert len(entries(tmp_path / "c")) == 7 - 1  # every readable file, not empty.txt
    hit = cli(files, "--jobs", "1", "--cache", tmp_path / "c")
    assert plain == miss == hit


def test_a_hit_does_not_read_the_file_again(files, tmp_path, monkeypatch):
    pdf = str(sorted(files.glob("*.pdf"))[0])
    cache = ExtractionCache(tmp_path)
    first = check_file(pdf, default_pack(), Settings(), cache=cache)

    def no_reading(path):
        raise AssertionError("read again despite the cache")

    monkeypatch.setattr(audit.model.build, "extract_path", no_reading)
    assert check_file(pdf, default_pack(), Settings(), cache=cache) == first


def test_a_copy_elsewhere_hits_and_keeps_its_own_path(files, tmp_path):
    src = sorted(files.glob("*.html"))[0]
    cache = ExtractionCache(tmp_path / "c")
    check_file(str(src), default_pack(), Settings(), cache=cache)
    copy = tmp_path / "copy.html"
    shutil.copy(src, copy)
    rep = check_file(str(copy), default_pack(), Settings(), cache=cache)
    assert len(entries(tmp_path / "c")) == 1
    assert rep == check_file(str(copy), default_pack(), Settings())
    assert rep["path"] == str(copy)


def test_changed_content_version_or_reader_settings_miss(files, tmp_path, monkeypatch):
    src = sorted(files.glob("*.html"))[0]
    work = tmp_path / "r.html"
    work.write_bytes(src.read_bytes())
    root = tmp_path / "c"
    check_file(str(work), default_pack(), Settings(), cache=ExtractionCache(root))
    # the file changes in place: its old entry is never used
    work.write_bytes(src.read_bytes().replace("示例".encode(), "样例".encode()))
    rep = check_file(str(work), default_pack(), Settings(), cache=ExtractionCache(root))
    assert rep == check_file(str(work), default_pack(), Settings())
    assert len(entries(root)) == 2
    monkeypatch.setattr(cache_mod, "__version__", "999.0")  # an upgrade
    check_file(str(work), default_pack(), Settings(), cache=ExtractionCache(root))
    assert len(entries(root)) == 3
    other = ExtractionCache(root, reader="HtmlSettings(body_share=0.5)")
    check_file(str(work), default_pack(), Settings(), cache=other)
    assert len(entries(root)) == 4


@pytest.mark.parametrize("junk", ["", "{", "[]", '{"tables": 5}', '{"sections": [{"x": 1}]}'])
def test_corrupt_entry_is_ignored_and_rewritten(files, tmp_path, junk):
    src = str(sorted(files.glob("*.html"))[0])
    cache = ExtractionCache(tmp_path)
    want = check_file(src, default_pack(), Settings(), cache=cache)
    (entry,) = entries(tmp_path)
    entry.write_text(junk)
    assert check_file(src, default_pack(), Settings(), cache=cache) == want
    assert json.loads(entry.read_text())["path"] == src  # a whole entry again


def test_deleting_the_cache_any_time_is_safe(files, tmp_path):
    root = tmp_path / "c"
    first = cli(files, "--cache", root)
    shutil.rmtree(root)
    assert cli(files, "--cache", root) == first
    for e in entries(root)[::2]:
        e.unlink()
    assert cli(files, "--cache", root) == first


def test_unwritable_cache_folder_costs_speed_not_results(files, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert cli(files, "--jobs", "1", "--cache", blocker / "sub") == cli(files, "--jobs", "1")
