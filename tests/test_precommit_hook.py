"""The pre-commit hook, for real: `pre-commit try-repo` of this checkout, run in a temporary git
repository that holds a good and a bad report. The bad one must fail with its finding shown.

try-repo installs the hook repository with pip into pre-commit's own virtualenv. The hook repo
is a fresh git repository made from this working tree (tracked and new, not ignored, files), so
the test sees uncommitted work and does not depend on the state of this repository's HEAD.
pip inherits the machine's settings (pip.conf, PIP_* variables: index, find-links, certificate),
so it installs from the same indexes as the project's own venv. Takes about a minute (the
virtualenv and the package install); skipped when pre-commit is not installed.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "examples" / "2024-township.txt"

pytest.importorskip("pre_commit", reason="pre-commit not installed (pip install -e '.[test]')")


def _git(*args, cwd):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def _hook_repo(dest: Path) -> Path:
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                           cwd=ROOT, check=True, capture_output=True).stdout.decode().split("\0")
    for rel in filter(None, files):
        src = ROOT / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    _git("init", "-q", cwd=dest)
    _git("add", "-A", cwd=dest)
    _git("commit", "-q", "-m", "hook repo", cwd=dest)
    return dest


def test_manifest_is_valid():
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest",
                           str(ROOT / ".pre-commit-hooks.yaml")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_try_repo_fails_the_bad_report(tmp_path):
    if not GOOD.exists():
        pytest.skip(f"{GOOD} absent")
    hook = _hook_repo(tmp_path / "hook")
    work = tmp_path / "work"
    work.mkdir()
    good = GOOD.read_text(encoding="utf-8")
    bad = good.replace("| 14 | 3 | 68 |", "| 14 | 3 | 69 |")  # row total no longer adds up
    assert bad != good
    (work / "good.txt").write_text(good, encoding="utf-8")
    (work / "bad.txt").write_text(bad, encoding="utf-8")
    (work / "notes.py").write_text("print('not a report')\n", encoding="utf-8")  # not selected
    # the bad report as a Word draft: identify has no tag for .docx, the hook selects it by name
    import docxgen
    from audit.read import read_path

    docxgen.write_report(read_path(str(work / "bad.txt")), work / "draft.docx")
    # plainly not reports, selected by type: skipped with a note, never S109
    (work / "README.md").write_text("# 年度报告\n\n本仓库存放本机关历年的报告。\n", encoding="utf-8")
    (work / "notes.txt").write_text("待办：补上2024年的附件。\n", encoding="utf-8")
    _git("init", "-q", cwd=work)
    _git("add", "-A", cwd=work)
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path / "cache"), PIP_DISABLE_PIP_VERSION_CHECK="1",
               NO_COLOR="1", PRE_COMMIT_COLOR="never")
    proc = subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(hook), "xxgk-audit",
                           "--files", "good.txt", "bad.txt", "notes.py", "draft.docx", "README.md",
                           "notes.txt", "--verbose"],
                          cwd=work, env=env, capture_output=True, text=True, timeout=900)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "Failed" in out and "T201" in out, out
    bad_part = out[out.index("bad.txt"):]
    assert "T201" in bad_part.split("good.txt")[0], out  # the finding is reported for bad.txt
    good_part = out[out.index("good.txt  "):].split("\n\n")[0]  # its block, up to the next report
    assert "error" not in good_part, out
    assert "notes.py" not in out  # types_or selects reports only
    assert "S109" not in out, out
    assert "README.md: skipped, not a report" in out and "notes.txt: skipped, not a report" in out, out
    draft_part = out[out.index("draft.docx"):]
    assert "T201" in draft_part and "E901" not in draft_part, out
