"""Fuzzing (hypothesis): whatever the bytes, a reader gives a Document or a ReadError (E90x),
the model stage a ReportModel, the rules a result; the label and number normalisers return
their documented types for any text. Arbitrary bytes, and real-shaped documents (the example
reports) with bytes overwritten, inserted, cut."""
from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from audit.checks.engine import Settings, check_model
from audit.checks.packs import default_pack
from audit.document import Document, ReadError
from audit.model.build import build_model
from audit.model.labels import best_match, core, similarity
from audit.model.report import ReportModel
from audit.normalize import cn_number, fold, is_numberlike, parse_cell, split_ordinal, squash
from audit.read import read_bytes

ROOT = Path(__file__).resolve().parents[2]
SEEDS = {
    "html": (ROOT / "examples" / "2023-county-2021format.html").read_bytes(),
    "text": (ROOT / "examples" / "2024-township.txt").read_bytes(),
    "pdf": (ROOT / "tests" / "fixtures" / "pdf" / "lo-2023-county-2021format.pdf").read_bytes(),
}
PACK = default_pack()
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def outcome(data: bytes, fmt: str):
    """The only two outcomes allowed: a model checked by the rules, or an E finding."""
    try:
        doc = read_bytes(data, fmt, "fuzz." + fmt)
    except ReadError as err:
        assert err.code in ("E901", "E902", "E903") and err.reason
        return err.code
    assert isinstance(doc, Document)
    model = build_model(doc)
    assert isinstance(model, ReportModel)
    result = check_model(model, PACK, Settings())
    assert result["errors"] == [], result["errors"]  # no check crashed on it
    return model


@st.composite
def mutated(draw, fmt):
    """The seed document with a few edits: overwrite, insert or delete a run of bytes, or cut."""
    data = bytearray(SEEDS[fmt])
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["overwrite", "insert", "delete", "truncate"]))
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        chunk = draw(st.binary(min_size=1, max_size=64))
        if kind == "overwrite":
            data[at:at + len(chunk)] = chunk
        elif kind == "insert":
            data[at:at] = chunk
        elif kind == "delete":
            del data[at:at + len(chunk)]
        else:
            del data[at:]
    return bytes(data)


@FAST
@given(data=st.binary(max_size=4096), fmt=st.sampled_from(["html", "text", "pdf"]))
def test_any_bytes_give_a_model_or_an_e_finding(data, fmt):
    outcome(data, fmt)


@FAST
@given(data=mutated("html"))
def test_mutated_html(data):
    outcome(data, "html")


@FAST
@given(data=mutated("text"))
def test_mutated_text(data):
    outcome(data, "text")


@SLOW
@given(data=mutated("pdf"))
def test_mutated_pdf(data):
    outcome(data, "pdf")


@FAST
@given(st.text(max_size=200))
def test_number_and_label_normalisers_take_any_text(text):
    assert isinstance(fold(text), str) and isinstance(squash(text), str)
    n = cn_number(text)
    assert n is None or isinstance(n, int)
    ordinal, rest = split_ordinal(text)
    assert isinstance(rest, str) and (ordinal is None or isinstance(ordinal[1], int))
    value = parse_cell(text)
    assert value is None or isinstance(value, (int, float, str))
    assert isinstance(is_numberlike(text), bool)
    assert isinstance(core(text), str)
    assert 0.0 <= similarity(text, "予以公开") <= 1.0
    best_match(text, {"granted": "予以公开", "partial": "部分公开"})


@FAST
@given(st.text(alphabet=st.sampled_from("0123456789一二三四五六七八九十百千万零〇,.，、%-－—（）() 　件个"),
               max_size=30))
def test_number_normalisers_on_number_shaped_text(text):
    value = parse_cell(text)
    assert value is None or isinstance(value, (int, float, str))
    n = cn_number(text)
    assert n is None or (isinstance(n, int) and n >= 0)
