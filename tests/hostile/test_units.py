"""The pieces behind the hostile-input guarantees, in-process and fast."""
from __future__ import annotations

import os
import time

import pytest

from audit.document import ReadError
from audit.read import detect_format, load_bytes, read_path
from audit.read.html.grid import expand
from audit.run import paths
from audit.run.manifest import decode
from audit.run.outputs import OutputError, check_writable, write_atomic


def test_big5_manifest_is_not_read_as_gb18030():
    text = "路徑,單位,年度\n報告一.pdf,香港特別行政區政府新聞處,2023\n"
    assert decode(text.encode("big5")) == text
    simplified = "文件路径,单位,年度\n报告.pdf,北京市人民政府办公厅,2023\n"
    assert decode(simplified.encode("gbk")) == simplified


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_manifest_without_bom(codec):
    text = "path,agency\na.pdf,甲局\n"
    assert decode(text.encode(codec)) == text


def test_manifest_column_names_cannot_inject_formulas():
    from audit.formatters.summary_csv import render

    rep = {"path": "a.txt", "findings": [], "outcomes": {}, "manifest": {"=HYPERLINK(1)": "x"}}
    header = render({"reports": [rep]}).splitlines()[0]
    assert header.endswith(",'=HYPERLINK(1)")


def test_span_expansion_is_linear():
    t = time.monotonic()
    grid = expand([[("a", 1, 1), ("b", 1, 1)] for _ in range(20_000)])
    trap = expand([[("x", 5000, 1000)]] + [[("y", 1, 1000)] for _ in range(4999)])
    assert len(grid) == 20_000 and len(trap) == 5000
    assert time.monotonic() - t < 20  # was a minute and more (a rescan of the grid per row)
    assert sum(len(r) for r in trap) <= 1_500_000  # spans capped, copies budgeted


def test_span_expansion_keeps_real_spans():
    grid = expand([[("h", 1, 3)], [("a", 2, 1), ("b", 1, 1), ("c", 1, 1)], [("d", 1, 1), ("e", 1, 1)]])
    assert [[(c.text, c.spanned) for c in r] for r in grid] == [
        [("h", False), ("h", True), ("h", True)],
        [("a", False), ("b", False), ("c", False)],
        [("a", True), ("d", False), ("e", False)]]


def test_the_bytes_decide_a_pdf_whatever_its_name():
    assert detect_format("x.html", b"%PDF-1.7\n...") == "pdf"
    assert detect_format("x.html", b"<html>") == "html"


def test_non_regular_files_are_refused_before_any_read(tmp_path):
    os.mkfifo(tmp_path / "f.txt")
    t = time.monotonic()
    with pytest.raises(ReadError, match="命名管道"):
        load_bytes(str(tmp_path / "f.txt"))
    with pytest.raises(ReadError, match="字符设备"):
        load_bytes("/dev/zero")
    assert time.monotonic() - t < 5


def test_size_limit_counts_what_was_read(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"x" * 101)
    with pytest.raises(ReadError, match="超过 100 字节"):
        load_bytes(str(tmp_path / "a.txt"), limit=100)
    assert load_bytes(str(tmp_path / "a.txt"), limit=101) == b"x" * 101


def test_nul_only_file_is_e901(tmp_path):
    (tmp_path / "n.html").write_bytes(b"\0" * 100)
    with pytest.raises(ReadError) as err:
        read_path(str(tmp_path / "n.html"))
    assert err.value.code == "E901"


def test_display_names():
    gbk = os.fsdecode("报告".encode("gbk") + b".pdf")
    assert paths.display(gbk) == "报告.pdf"
    assert paths.uri_bytes(gbk) == "%B1%A8%B8%E6.pdf"
    assert paths.display(os.fsdecode(b"a\xff.pdf")) == "a\\xff.pdf"
    assert paths.display("普通.pdf") == "普通.pdf" and paths.uri_bytes("普通.pdf") is None


def test_text_clean_shows_controls():
    from audit.formatters.text import clean

    assert clean("a\x1b[31mb\u202ec\x85") == "a\\x1b[31mb\\u202ec\\x85"


def test_expand_dedupes_on_the_real_path_and_keeps_broken_entries(tmp_path):
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "l.txt").symlink_to(tmp_path / "a.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nothing.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    found = paths.expand([str(tmp_path), str(tmp_path / "a.txt")])
    assert [os.path.basename(p) for p in found] == ["a.txt", "gone.txt", "loop.txt"]


def test_jobs_are_capped_at_four_per_cpu_and_the_file_count(tmp_path, monkeypatch):
    import audit.run.pool as pool
    from audit.checks.engine import Settings
    from audit.checks.packs import default_pack
    from audit.run.runner import default_jobs, run

    seen = {}

    def supervise(items, workers, *rest, **kw):
        seen["workers"] = workers
        return [None] * 0

    monkeypatch.setattr(pool, "supervise", supervise)
    monkeypatch.setattr("audit.run.runner.result_dict", lambda reports: {"reports": reports})
    files = []
    for i in range(default_jobs() * 4 + 3):
        (tmp_path / f"{i}.txt").write_text("x", encoding="utf-8")
        files.append(str(tmp_path / f"{i}.txt"))
    run(files, default_pack(), Settings(), jobs=10_000, timeout=5)
    assert seen["workers"] == default_jobs() * 4
    run(files[:2], default_pack(), Settings(), jobs=10_000, timeout=5)
    assert seen["workers"] == 2


def test_outputs(tmp_path):
    with pytest.raises(OutputError, match="does not exist"):
        check_writable(str(tmp_path / "no" / "x"), "--output")
    check_writable(str(tmp_path / "x"), "--output")
    assert list(tmp_path.iterdir()) == []  # the probe leaves nothing
    write_atomic(str(tmp_path / "x"), "一")
    assert (tmp_path / "x").read_text("utf-8") == "一"
    with pytest.raises(UnicodeEncodeError):
        write_atomic(str(tmp_path / "x"), "\udcff")
    assert (tmp_path / "x").read_text("utf-8") == "一" and len(list(tmp_path.iterdir())) == 1


def test_parent_death_signal_is_set_in_a_worker():
    """The worker asks the kernel to kill it with its parent (read back with PR_GET_PDEATHSIG)."""
    import multiprocessing
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        pytest.skip("prctl is Linux")

    def child(q):
        import ctypes

        from audit.run.limits import die_with_parent

        die_with_parent(os.getppid())
        libc = ctypes.CDLL(None)
        out = ctypes.c_int()
        libc.prctl(2, ctypes.byref(out), 0, 0, 0)  # PR_GET_PDEATHSIG
        q.put(out.value)

    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=child, args=(q,))
    p.start()
    assert q.get(timeout=10) == signal.SIGKILL
    p.join(10)
