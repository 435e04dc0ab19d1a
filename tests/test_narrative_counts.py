"""N503 on generated reports (style.md §7.6): a portal page whose text states its own table
figures, in the phrasings real reports use, never fails N503; stating a figure no reading gives
fails it, quoting the sentence. Pages go through the real HTML reader."""
from __future__ import annotations

import random

from hypothesis import given, settings, strategies as st

from audit.checks.engine import Settings, check_model
from audit.checks.narrative_counts import statements
from audit.checks.packs import default_pack
from audit.read import read_bytes
from audit.model.build import build_model
from audit.model.template import APPLICANT_COLUMNS, T4_GROUPS

from reportgen import consistent_values, render_html

CN = "零一二三四五六七八九"


def cn(n: int) -> str:
    """Chinese numeral for 0..99 (十二, 二十, 三十五)."""
    if n < 10:
        return CN[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN[tens]) + "十" + (CN[ones] if ones else "")


def sentences(rep, rng: random.Random) -> list[str]:
    t3, t4 = rep.t3, rep.t4
    num = (lambda n: cn(n) if n < 100 and rng.random() < 0.3 else str(n))
    orgs = sum(t3[f"received/{c}"] for c in APPLICANT_COLUMNS if c != "natural")
    review = t4["counts/review.total"]
    suits = t4["counts/suit_direct.total"] + t4["counts/suit_after_review.total"]
    out = [f"本年度共收到政府信息公开申请{num(t3['received/total'])}件，其中自然人{num(t3['received/natural'])}件、"
           f"法人或其他组织{num(orgs)}件。",
           f"共受理政府信息公开申请{num(t3['received/total'] + t3['carried_over/total'])}件（含上年结转{num(t3['carried_over/total'])}件）。",
           f"全年办结{num(t3['results_total/total'])}件，其中予以公开{num(t3['granted/total'])}件，"
           f"结转下年度继续办理{num(t3['carried_forward/total'])}件。",
           (f"本年度未发生政府信息公开行政复议和行政诉讼。" if review == 0 and suits == 0 else
            f"本年度发生行政复议{num(review)}件，行政诉讼{num(suits)}起。")]
    rng.shuffle(out)
    return out


def page(rep, text: list[str]) -> bytes:
    html = render_html(rep).decode("utf-8")
    extra = "".join(f"<p>{s}</p>" for s in text)
    return html.replace("一、总体情况</p>", "一、总体情况</p>" + extra, 1).encode("utf-8")


def n503(data: bytes) -> dict:
    model = build_model(read_bytes(data, "html", "gen.html"))
    return model, check_model(model, default_pack(), Settings(enabled={"N503"}))


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6))
def test_text_that_states_the_tables_never_fails(seed):
    rng = random.Random(seed)
    rep = consistent_values(rng, "2021")
    model, res = n503(page(rep, sentences(rep, rng)))
    assert res["outcomes"]["N503"] == "pass", [f["message"] for f in res["findings"]]
    found = statements(model)
    assert len(found) >= 8 and all(s.verdict == "agrees" for s in found)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10**6))
def test_a_figure_no_reading_gives_fails_with_its_sentence(seed):
    rng = random.Random(seed)
    rep = consistent_values(rng, "2021")
    wrong = rep.t3["received/total"] + rep.t3["carried_over/total"] + rep.t3["results_total/total"] + 1
    text = sentences(rep, rng) + [f"本年度共受理政府信息公开申请{wrong}件。"]
    _, res = n503(page(rep, text))
    assert res["outcomes"]["N503"] == "fail"
    (f,) = res["findings"]
    assert f["evidence"]["stated"] == wrong and f["location"]["snippet"] == f"本年度共受理政府信息公开申请{wrong}件。"
    assert [r["reading"] for r in f["evidence"]["readings"]] == ["received", "received+over"]
