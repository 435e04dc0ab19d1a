"""The shipped examples extract to exactly their expected JSON, which the schema accepts."""
import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from audit.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if p.suffix in (".html", ".txt"))
SCHEMA = json.loads((ROOT / "schemas" / "report.schema.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_example_extracts_to_expected_json(path, monkeypatch):
    monkeypatch.chdir(ROOT)  # paths in the expected JSON are relative to the project root
    result = CliRunner().invoke(main, ["extract", str(path.relative_to(ROOT))])
    assert result.exit_code == 0, result.output
    got = json.loads(result.output)
    jsonschema.validate(got, SCHEMA)
    expected = json.loads((ROOT / "examples" / "expected" / f"{path.name}.extract.json").read_text("utf-8"))
    assert got == expected


def test_there_are_examples_of_each_kind():
    names = [p.name for p in EXAMPLES]
    assert any("2021format" in n for n in names) and any("2019format" in n for n in names)
    assert any(n.endswith(".txt") for n in names)


def test_unreadable_file_extracts_to_a_problem_not_a_traceback(tmp_path):
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["extract", str(empty)])
    assert result.exit_code == 1 and "E901" in result.stderr  # and the model still on stdout
    got = json.loads(result.stdout)
    assert got["problems"] == [["E901", "文件为空"]]
    jsonschema.validate(got, SCHEMA)
